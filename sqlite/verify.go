package sqlite

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/vigil-oss/vigil"
	"github.com/vigil-oss/vigil/eventlog"
)

// failure is a finding that the record is not intact (exit 1), as opposed
// to an error that prevents verifying at all (exit 2).
type failure struct{ msg string }

func (f *failure) Error() string { return f.msg }

func failf(format string, args ...any) error { return &failure{fmt.Sprintf(format, args...)} }

// Verify re-checks the whole record without writing anything: every
// envelope against its leaf and payload, the tree against every signed
// checkpoint in the store and the one outside it, and every projection row
// against the rows the log produces.
func (s *Store) Verify(ctx context.Context, opt vigil.VerifyOptions) (vigil.VerifyReport, error) {
	const op = "audit verify"
	if _, err := vigil.RequireActor(ctx, op); err != nil {
		return vigil.VerifyReport{}, err
	}
	rep := vigil.VerifyReport{}
	err := s.verify(ctx, opt, &rep)
	var f *failure
	switch {
	case errors.As(err, &f):
		rep.Failure = f.msg
		return rep, nil
	case err != nil:
		return rep, &vigil.Error{Code: vigil.EUnavailable, Op: op, Message: "cannot verify " + s.path, Err: err}
	}
	rep.OK = true
	return rep, nil
}

func (s *Store) verify(ctx context.Context, opt vigil.VerifyOptions, rep *vigil.VerifyReport) error {
	// One read transaction: a consistent snapshot even while others write.
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return err
	}
	defer tx.Rollback()
	vkey, err := s.verifierKey()
	if err != nil {
		return err
	}
	tree, err := verifyLog(ctx, tx)
	if err != nil {
		return err
	}
	rep.Events = tree.Size()
	root := tree.Root()
	rep.Root = hex.EncodeToString(root[:])
	if rep.Checkpoint, err = s.verifyCheckpoints(ctx, tx, tree, vkey); err != nil {
		return err
	}
	path := opt.Checkpoint
	if path == "" {
		path = s.opt.CheckpointFile
	}
	if rep.Outside, err = s.verifyOutside(path, tree, vkey); err != nil {
		return err
	}
	if err := s.verifyFrontier(ctx, tx, tree); err != nil {
		return err
	}
	rep.Rows, err = s.verifyProjection(ctx, tx)
	return err
}

// verifierKey is the key checkpoints must be signed with. The copy in the
// key file, outside the store, is the one trusted; the store's own copy
// must agree with it.
func (s *Store) verifierKey() (string, error) {
	b, err := os.ReadFile(s.opt.KeyFile)
	if err != nil {
		// Without the key file only the store's own copy is available: the
		// checks still catch edits, but not a wholesale re-signing.
		return s.vkey, nil
	}
	f := strings.Fields(string(b))
	if len(f) != 2 {
		return "", fmt.Errorf("key file %s: want a signer and a verifier key", s.opt.KeyFile)
	}
	if f[1] != s.vkey {
		return "", failf("table meta id verifier: does not match the key file %s", s.opt.KeyFile)
	}
	return f[1], nil
}

// verifyLog recomputes every leaf and payload hash and returns the tree. A
// missing payload is accepted only where a later erase event names it: that
// is how a person-level erasure leaves the log (eventlog/FORMAT.md §6).
func verifyLog(ctx context.Context, q *sql.Tx) (*eventlog.Tree, error) {
	tree := eventlog.NewTree()
	var erased []uint64          // events whose payload is gone, in order
	removed := map[uint64]bool{} // events an erase event names
	var prev time.Time           // the previous event's recorded_at
	err := scanLog(ctx, q, func(le logEntry) error {
		if want := tree.Size(); le.seq != want {
			return failf("event %d: missing (the log jumps from %d to %d)", want, want, le.seq)
		}
		e, err := eventlog.Decode(le.envelope)
		if err != nil {
			return failf("event %d: envelope is not canonical: %v", le.seq, err)
		}
		if e.Seq != le.seq {
			return failf("event %d: envelope says it is event %d", le.seq, e.Seq)
		}
		leaf := eventlog.LeafHash(le.envelope)
		if !bytes.Equal(leaf[:], le.leaf) {
			return failf("event %d: stored leaf hash does not match the envelope", le.seq)
		}
		tree.Append(leaf)
		// Recorded times never decrease (the writer sees to it), so the
		// events known at a moment are a prefix of the log; an event out of
		// order was inserted or back-dated.
		if le.seq > 0 && e.RecordedAt.Before(prev) {
			return failf("event %d: recorded_at %s earlier than event %d's %s", le.seq,
				e.RecordedAt.Format(time.RFC3339Nano), le.seq-1, prev.Format(time.RFC3339Nano))
		}
		prev = e.RecordedAt
		if le.payload == nil {
			erased = append(erased, le.seq)
			return nil
		}
		if eventlog.PayloadHash(le.payload) != e.PayloadHash {
			return failf("event %d: payload does not match the hash in its envelope", le.seq)
		}
		if e.Kind == eventlog.KindErase {
			er, err := eventlog.DecodeErasure(le.payload)
			if err == nil {
				err = er.Validate(le.seq)
			}
			if err != nil {
				return failf("event %d: erasure: %v", le.seq, err)
			}
			for _, s := range er.Seqs {
				removed[s] = true
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	for _, seq := range erased {
		if !removed[seq] {
			return nil, failf("event %d: payload missing, and no erase event removed it", seq)
		}
	}
	return tree, nil
}

// verifyCheckpoints checks every signed checkpoint in the store: signature,
// root at its size, consistency with the one before, and that the last one
// covers the whole log.
func (s *Store) verifyCheckpoints(ctx context.Context, tx *sql.Tx, tree *eventlog.Tree, vkey string) (uint64, error) {
	rows, err := tx.QueryContext(ctx, `SELECT size, note FROM checkpoints ORDER BY size`)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	var prev *eventlog.Checkpoint
	var last uint64
	seen := false
	for rows.Next() {
		var size int64
		var note []byte
		if err := rows.Scan(&size, &note); err != nil {
			return 0, err
		}
		where := fmt.Sprintf("table checkpoints id %d", size)
		c, err := s.checkCheckpoint(where, note, tree, vkey)
		if err != nil {
			return 0, err
		}
		if c.Size != uint64(size) {
			return 0, failf("%s: the signed checkpoint is for size %d", where, c.Size)
		}
		if prev != nil && prev.Size > 0 {
			proof, err := tree.ConsistencyProof(prev.Size, c.Size)
			if err != nil {
				return 0, err
			}
			if err := eventlog.VerifyConsistency(prev.Size, c.Size, prev.Root[:], c.Root[:], proof); err != nil {
				return 0, failf("%s: not consistent with checkpoint %d: %v", where, prev.Size, err)
			}
		}
		prev, last, seen = &c, c.Size, true
	}
	if err := rows.Err(); err != nil {
		return 0, err
	}
	if !seen {
		return 0, failf("table checkpoints: no checkpoint at all")
	}
	if last < tree.Size() {
		return 0, failf("event %d: not covered by any signed checkpoint (the last is for %d events)", last, last)
	}
	return last, nil
}

// checkCheckpoint opens a signed checkpoint and checks it against the tree.
func (s *Store) checkCheckpoint(where string, note []byte, tree *eventlog.Tree, vkey string) (eventlog.Checkpoint, error) {
	c, err := eventlog.Open(note, vkey, s.origin)
	if err != nil {
		return c, failf("%s: signature does not verify: %v", where, err)
	}
	if c.Size > tree.Size() {
		return c, failf("%s: commits to %d events but the log has %d: events were deleted", where, c.Size, tree.Size())
	}
	root, err := tree.RootAt(c.Size)
	if err != nil {
		return c, err
	}
	if root != c.Root {
		return c, failf("%s: root at size %d does not match the log", where, c.Size)
	}
	return c, nil
}

// verifyOutside checks the checkpoint kept outside the store: it catches a
// log truncated together with its in-store checkpoints.
func (s *Store) verifyOutside(path string, tree *eventlog.Tree, vkey string) (uint64, error) {
	note, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return 0, failf("checkpoint %s: missing, so truncation of the log cannot be ruled out", path)
	}
	if err != nil {
		return 0, err
	}
	if c, err := eventlog.Open(note, vkey, s.origin); err == nil && c.Size > tree.Size() {
		return c.Size, failf("event %d: missing: the checkpoint outside the store (%s) commits to %d events but the log has %d: the log was truncated",
			tree.Size(), path, c.Size, tree.Size())
	}
	c, err := s.checkCheckpoint("checkpoint "+path, note, tree, vkey)
	return c.Size, err
}

// verifyFrontier checks the stored frontier, which the next write builds
// on, against the recomputed tree.
func (s *Store) verifyFrontier(ctx context.Context, tx *sql.Tx, tree *eventlog.Tree) error {
	f, err := frontier(ctx, tx)
	if err != nil {
		return failf("table meta id frontier: %v", err)
	}
	if f.Size() != tree.Size() || f.Root() != tree.Root() {
		return failf("table meta id frontier: does not match the log (size %d, log %d)", f.Size(), tree.Size())
	}
	return nil
}
