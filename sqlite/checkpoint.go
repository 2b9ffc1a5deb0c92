package sqlite

import (
	"context"
	"database/sql"
	"io/fs"

	"github.com/vigil-oss/vigil"
	"github.com/vigil-oss/vigil/eventlog"
)

func migrationsFS() fs.FS {
	sub, err := fs.Sub(migrations, "migrations")
	if err != nil {
		panic(err) // the embedded directory is fixed at build time
	}
	return sub
}

// frontier reads the tree's frontier as of the last commit.
func frontier(ctx context.Context, tx *sql.Tx) (*eventlog.Frontier, error) {
	var b []byte
	err := tx.QueryRowContext(ctx, `SELECT value FROM meta WHERE key = 'frontier'`).Scan(&b)
	f := &eventlog.Frontier{}
	if err == sql.ErrNoRows {
		return f, nil
	}
	if err != nil {
		return nil, err
	}
	if err := f.UnmarshalBinary(b); err != nil {
		return nil, &vigil.Error{Code: vigil.EIntegrity, Op: "import", Message: "the stored tree frontier is damaged", Err: err}
	}
	return f, nil
}

// checkpoint signs the tree as it stands in tx, stores the signed note and
// the frontier, and returns the note for writing outside the store.
func (s *Store) checkpoint(ctx context.Context, tx *sql.Tx, f *eventlog.Frontier) ([]byte, error) {
	if s.signer == "" {
		return nil, &vigil.Error{Code: vigil.EUnavailable, Op: "checkpoint",
			Message: "no signing key at " + s.opt.KeyFile + ": writes need the store's key (set --key-file)"}
	}
	note, err := eventlog.Sign(eventlog.Checkpoint{Origin: s.origin, Size: f.Size(), Root: f.Root()}, s.signer)
	if err != nil {
		return nil, err
	}
	fb, err := f.MarshalBinary()
	if err != nil {
		return nil, err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO checkpoints (size, note) VALUES (?, ?)
		ON CONFLICT (size) DO UPDATE SET note = excluded.note`, int64(f.Size()), note); err != nil {
		return nil, err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO meta (key, value) VALUES ('frontier', ?)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value`, fb); err != nil {
		return nil, err
	}
	return note, nil
}

// writeOutside replaces the checkpoint kept outside the store. It runs after
// commit: if the process dies first, the outside copy is merely older, and
// an older checkpoint is still consistent with the log.
func (s *Store) writeOutside(note []byte) error {
	if err := writeFileAtomic(s.opt.CheckpointFile, note, 0o644); err != nil {
		return &vigil.Error{Code: vigil.EUnavailable, Op: "checkpoint",
			Message: "committed, but cannot write the outside checkpoint " + s.opt.CheckpointFile, Err: err}
	}
	return nil
}
