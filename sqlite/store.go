// Package sqlite is Vigil's embedded store: the event log, its signed
// checkpoints and the projection of current state, in one SQLite file.
//
// The signing key never lives in the store: it is a file beside it (or
// wherever Options.KeyFile says), and each checkpoint is also written to a
// file outside the database, so that truncating the log is detected as well
// as editing it.
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/pressly/goose/v3"

	"github.com/vigil-oss/vigil"
	"github.com/vigil-oss/vigil/eventlog"
)

//go:embed migrations/*.sql
var migrations embed.FS

// Options configure a store. Zero values take the defaults.
type Options struct {
	Create         bool             // create the store if it does not exist
	ReadOnly       bool             // open for reading only (audit verify)
	Demo           bool             // mark a created store as holding fictional demo data
	KeyFile        string           // signing key; default PATH.key beside the store
	CheckpointFile string           // outside checkpoint; default PATH.checkpoint
	Now            func() time.Time // the clock; default time.Now
	Logger         *slog.Logger     // default: discard
	Driver         string           // database/sql driver name; default "sqlite3"
}

// Store is a vigil.Store in one SQLite file.
type Store struct {
	path   string
	db     *sql.DB
	opt    Options
	log    *slog.Logger
	origin string
	signer string // signing key, read from KeyFile
	demo   bool   // created by `vigil demo`: fictional data only
	vkey   string // verifier key

	mu sync.Mutex // one writer at a time within this process
}

var _ vigil.Store = (*Store)(nil)

// Open opens the store at path. Without opt.Create, a missing file is an
// error with code ENotFound ("no store at PATH").
func Open(ctx context.Context, path string, opt Options) (*Store, error) {
	opt = opt.withDefaults(path)
	_, statErr := os.Stat(path)
	exists := statErr == nil
	if !exists && !opt.Create {
		return nil, &vigil.Error{Code: vigil.ENotFound, Op: "open", Message: "no store at " + path}
	}
	if !exists && !errors.Is(statErr, os.ErrNotExist) {
		return nil, &vigil.Error{Code: vigil.EUnavailable, Op: "open", Message: "cannot use " + path, Err: statErr}
	}
	if !exists {
		if _, err := os.Stat(opt.KeyFile); err == nil {
			return nil, &vigil.Error{Code: vigil.EUnavailable, Op: "open",
				Message: fmt.Sprintf("key file %s exists but store %s does not: move the old key away or set --key-file", opt.KeyFile, path)}
		}
	}
	db, err := sql.Open(opt.Driver, dsn(opt.Driver, path, opt.ReadOnly))
	if err != nil {
		return nil, &vigil.Error{Code: vigil.EUnavailable, Op: "open", Message: "cannot open " + path, Err: err}
	}
	s := &Store{path: path, db: db, opt: opt, log: opt.Logger}
	if err := s.init(ctx, !exists); err != nil {
		db.Close()
		if !exists {
			os.Remove(path)
			os.Remove(path + "-wal")
			os.Remove(path + "-shm")
		}
		return nil, err
	}
	return s, nil
}

func (o Options) withDefaults(path string) Options {
	if o.KeyFile == "" {
		o.KeyFile = path + ".key"
	}
	if o.CheckpointFile == "" {
		o.CheckpointFile = path + ".checkpoint"
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	if o.Driver == "" {
		o.Driver = "sqlite3"
	}
	return o
}

// dsn sets the pragmas every connection needs: full sync so a committed
// import survives a crash, a busy timeout so a second process waits instead
// of failing, and a page cache large enough for a big import. (WAL mode is
// set once, when the store is created, and persists in the file.)
func dsn(driver, path string, readOnly bool) string {
	mode := ""
	if readOnly {
		mode = "&mode=ro"
	}
	if driver == "sqlite" { // modernc.org/sqlite
		return "file:" + path + "?_pragma=synchronous(FULL)&_pragma=busy_timeout(10000)&_pragma=cache_size(-65536)&_txlock=immediate" + mode
	}
	return "file:" + path + "?_synchronous=FULL&_busy_timeout=10000&_txlock=immediate&_cache_size=-65536" + mode
}

func (s *Store) init(ctx context.Context, fresh bool) error {
	if s.opt.ReadOnly {
		if err := s.checkSchema(ctx); err != nil {
			return err
		}
		return s.load(ctx)
	}
	if fresh {
		// Larger pages suit a log of few-hundred-byte rows written in bulk;
		// the size can only be set before the first table exists.
		// WAL, set after it, persists in the file: readers never block the
		// writer.
		for _, p := range []string{"PRAGMA page_size = 16384", "PRAGMA journal_mode = WAL"} {
			if _, err := s.db.ExecContext(ctx, p); err != nil {
				return &vigil.Error{Code: vigil.EUnavailable, Op: "open", Message: "cannot prepare " + s.path, Err: err}
			}
		}
	}
	if err := migrate(ctx, s.db); err != nil {
		return &vigil.Error{Code: vigil.EUnavailable, Op: "open", Message: "cannot prepare the schema of " + s.path, Err: err}
	}
	if fresh {
		return s.create(ctx)
	}
	return s.load(ctx)
}

func migrate(ctx context.Context, db *sql.DB) error {
	p, err := goose.NewProvider(goose.DialectSQLite3, db, migrationsFS())
	if err != nil {
		return err
	}
	_, err = p.Up(ctx)
	return err
}

// checkSchema refuses a store that a read-only open cannot migrate and
// that lacks tables this version reads (such as a store made before
// decisions were recorded): verifying it would fail on a missing table, not
// on its content.
func (s *Store) checkSchema(ctx context.Context) error {
	var have int64
	err := s.db.QueryRowContext(ctx, `SELECT coalesce(max(version_id), 0) FROM goose_db_version WHERE is_applied`).Scan(&have)
	if err != nil {
		return &vigil.Error{Code: vigil.EUnavailable, Op: "open", Message: "cannot read the schema version of " + s.path, Err: err}
	}
	want, err := latestMigration()
	if err != nil {
		return err
	}
	if have < want {
		return &vigil.Error{Code: vigil.EUnavailable, Op: "open", Message: fmt.Sprintf(
			"store %s has schema version %d and this vigil reads version %d: open it once for writing (vigil rebuild does) to upgrade it",
			s.path, have, want)}
	}
	return nil
}

// latestMigration is the version of the newest embedded migration, from
// its file name (NNNNN_name.sql).
func latestMigration() (int64, error) {
	entries, err := fs.ReadDir(migrationsFS(), ".")
	if err != nil {
		return 0, err
	}
	var latest int64
	for _, e := range entries {
		num, _, _ := strings.Cut(e.Name(), "_")
		v, err := strconv.ParseInt(num, 10, 64)
		if err != nil {
			return 0, fmt.Errorf("migration %s: no version number: %w", e.Name(), err)
		}
		latest = max(latest, v)
	}
	return latest, nil
}

// create gives a new store its identity and key, and an empty checkpoint.
func (s *Store) create(ctx context.Context) error {
	origin, err := eventlog.NewOrigin()
	if err != nil {
		return err
	}
	skey, vkey, err := eventlog.GenerateKey(origin)
	if err != nil {
		return err
	}
	if err := writeFileAtomic(s.opt.KeyFile, []byte(skey+"\n"+vkey+"\n"), 0o600); err != nil {
		return &vigil.Error{Code: vigil.EUnavailable, Op: "create", Message: "cannot write key file " + s.opt.KeyFile, Err: err}
	}
	s.origin, s.signer, s.vkey = origin, skey, vkey
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	meta := map[string]string{"origin": origin, "verifier": vkey}
	if s.opt.Demo {
		meta["demo"], s.demo = "true", true
	}
	for k, v := range meta {
		if _, err := tx.ExecContext(ctx, `INSERT INTO meta (key, value) VALUES (?, ?)`, k, v); err != nil {
			return err
		}
	}
	note, err := s.checkpoint(ctx, tx, &eventlog.Frontier{})
	if err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	return s.writeOutside(note)
}

// load reads the store's identity and its key from the key file.
func (s *Store) load(ctx context.Context) error {
	meta, err := s.meta(ctx)
	if err != nil {
		return err
	}
	s.origin, s.vkey = string(meta["origin"]), string(meta["verifier"])
	s.demo = string(meta["demo"]) == "true"
	if s.origin == "" || s.vkey == "" {
		return &vigil.Error{Code: vigil.EIntegrity, Op: "open", Message: s.path + " has no origin or verifier key: not a Vigil store, or damaged"}
	}
	b, err := os.ReadFile(s.opt.KeyFile)
	if err != nil {
		// Reading needs no key; the first write will say what is missing.
		s.log.Debug("no signing key", "file", s.opt.KeyFile, "err", err)
		return nil
	}
	lines := strings.Fields(string(b))
	if len(lines) != 2 || lines[1] != s.vkey {
		return &vigil.Error{Code: vigil.EIntegrity, Op: "open",
			Message: fmt.Sprintf("key file %s does not belong to store %s", s.opt.KeyFile, s.path)}
	}
	s.signer = lines[0]
	return nil
}

func (s *Store) meta(ctx context.Context) (map[string][]byte, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT key, value FROM meta`)
	if err != nil {
		return nil, &vigil.Error{Code: vigil.EUnavailable, Op: "open", Message: "cannot read " + s.path, Err: err}
	}
	defer rows.Close()
	m := map[string][]byte{}
	for rows.Next() {
		var k string
		var v []byte
		if err := rows.Scan(&k, &v); err != nil {
			return nil, err
		}
		m[k] = v
	}
	return m, rows.Err()
}

// Demo reports whether `vigil demo` created the store, so it holds
// fictional data only.
func (s *Store) Demo() bool { return s.demo }

// Path returns the store's file.
func (s *Store) Path() string { return s.path }

// Remove deletes a closed store's files: the database, its key and its
// outside checkpoint. It is for undoing a store that was just created.
func (s *Store) Remove() error {
	var first error
	for _, p := range []string{s.path, s.path + "-wal", s.path + "-shm", s.opt.KeyFile, s.opt.CheckpointFile} {
		if err := os.Remove(p); err != nil && !errors.Is(err, os.ErrNotExist) && first == nil {
			first = err
		}
	}
	return first
}

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }

// writeFileAtomic writes via a temporary file and rename, with fsync, so a
// crash leaves the old file or the new one, never half of either.
func writeFileAtomic(path string, data []byte, perm os.FileMode) error {
	tmp := path + ".tmp"
	f, err := os.OpenFile(tmp, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, perm)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}
