package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"github.com/vigil-oss/vigil"
	"github.com/vigil-oss/vigil/eventlog"
	"github.com/vigil-oss/vigil/ndjson"
)

type queryer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// logEntry is one row of the log as stored, payload nil when absent.
type logEntry struct {
	seq      uint64
	envelope []byte
	leaf     []byte
	payload  []byte
}

// scanLog calls fn for every event in seq order.
func scanLog(ctx context.Context, q queryer, fn func(logEntry) error) error {
	rows, err := q.QueryContext(ctx, `SELECT seq, envelope, leaf, payload FROM events ORDER BY seq`)
	if err != nil {
		return fmt.Errorf("read the log: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var e logEntry
		var seq int64
		if err := rows.Scan(&seq, &e.envelope, &e.leaf, &e.payload); err != nil {
			return fmt.Errorf("read the log: %w", err)
		}
		e.seq = uint64(seq)
		if err := fn(e); err != nil {
			return err
		}
	}
	return rows.Err()
}

// project applies one logged event to a projection. Records are decoded
// from their canonical payloads without a catalogue: they were checked
// against the one in force when they arrived.
func project(ctx context.Context, pr *projector, e *eventlog.Event, payload []byte) error {
	if payload == nil || e.Kind == eventlog.KindErase {
		return nil // erased, or an erasure: no rows (the erased rows went with it)
	}
	switch e.Kind {
	case string(vigil.KindImport):
		var s importSummary
		if err := json.Unmarshal(payload, &s); err != nil {
			return fmt.Errorf("event %d: import summary: %w", e.Seq, err)
		}
		return pr.importRow(ctx, e, s)
	case eventlog.KindDecision:
		d, err := eventlog.DecodeDecision(payload)
		if err != nil {
			return fmt.Errorf("event %d: %w", e.Seq, err)
		}
		return pr.decision(ctx, e, &d)
	case eventlog.KindConsultation:
		c, err := eventlog.DecodeConsultation(payload)
		if err != nil {
			return fmt.Errorf("event %d: %w", e.Seq, err)
		}
		return pr.consultation(ctx, e, &c)
	}
	rec, probs := ndjson.DecodeLine(0, payload, nil)
	if len(probs) > 0 {
		return fmt.Errorf("event %d: payload does not decode: %s", e.Seq, probs[0])
	}
	if string(rec.Kind) != e.Kind || rec.ID != e.ID {
		return fmt.Errorf("event %d: payload is %s %q, envelope says %s %q", e.Seq, rec.Kind, rec.ID, e.Kind, e.ID)
	}
	return pr.apply(ctx, e, &rec)
}

// Rebuild discards the projection and replays it from the log, in one
// transaction.
func (s *Store) Rebuild(ctx context.Context) error {
	const op = "rebuild"
	if _, err := vigil.RequireActor(ctx, op); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return &vigil.Error{Code: vigil.EUnavailable, Op: op, Message: "cannot begin a write to " + s.path, Err: err}
	}
	defer tx.Rollback()
	for _, t := range projection() {
		if _, err := tx.ExecContext(ctx, `DELETE FROM `+t.name); err != nil {
			return &vigil.Error{Code: vigil.EInternal, Op: op, Err: err}
		}
	}
	if err := replay(ctx, tx, tx); err != nil {
		return &vigil.Error{Code: vigil.EIntegrity, Op: op, Message: "cannot replay the log", Err: err}
	}
	if err := tx.Commit(); err != nil {
		return &vigil.Error{Code: vigil.EUnavailable, Op: op, Message: "cannot commit to " + s.path, Err: err}
	}
	return nil
}

// replay reads the log from src and writes the projection through dst. Its
// inserts run without ctx's cancellation (mattn/go-sqlite3 would watch a
// cancellable context with a goroutine per statement); ctx is checked every
// few thousand events instead.
func replay(ctx context.Context, src queryer, dst preparer) error {
	pr, err := newProjector(ctx, dst)
	if err != nil {
		return err
	}
	defer pr.close()
	exec := context.WithoutCancel(ctx)
	return scanLog(ctx, src, func(le logEntry) error {
		if le.seq%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		e, err := eventlog.Decode(le.envelope)
		if err != nil {
			return fmt.Errorf("event %d: %w", le.seq, err)
		}
		return project(exec, pr, &e, le.payload)
	})
}
