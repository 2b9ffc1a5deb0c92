package sqlite

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/vigil-oss/vigil"
	"github.com/vigil-oss/vigil/eventlog"
)

// countLines counts the distinct lines among problems sorted by line.
func countLines(probs []vigil.FieldError) int {
	n := 0
	for i, p := range probs {
		if i == 0 || p.Line != probs[i-1].Line {
			n++
		}
	}
	return n
}

func hashOf(payload []byte) string {
	h := sha256.Sum256(payload)
	return hex.EncodeToString(h[:])
}

// Import checks every record, then writes the accepted ones, an import
// summary event and a signed checkpoint in one transaction: a crash leaves
// all of it or none.
func (s *Store) Import(ctx context.Context, recs []vigil.Record, opt vigil.ImportOptions) (vigil.ImportResult, error) {
	const op = "import"
	actor, err := vigil.RequireActor(ctx, op)
	if err != nil {
		return vigil.ImportResult{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return vigil.ImportResult{}, &vigil.Error{Code: vigil.EUnavailable, Op: op, Message: "cannot begin a write to " + s.path, Err: err}
	}
	defer tx.Rollback()
	p, err := planImport(ctx, tx, recs, opt.Partial)
	if err != nil {
		return vigil.ImportResult{}, &vigil.Error{Code: vigil.EInternal, Op: op, Err: err}
	}
	p.problems = append(slices.Clone(opt.Rejected), p.problems...)
	slices.SortStableFunc(p.problems, func(a, b vigil.FieldError) int { return a.Line - b.Line })
	if len(p.problems) > 0 && !opt.Partial {
		return vigil.ImportResult{}, &vigil.Error{Code: vigil.EInvalid, Op: op,
			Message: fmt.Sprintf("%d lines rejected; nothing written", countLines(p.problems)), Fields: p.problems}
	}
	w, err := s.newWriter(ctx, tx, actor.Name, vigil.PurposeFrom(ctx))
	if err != nil {
		return vigil.ImportResult{}, &vigil.Error{Code: vigil.EInternal, Op: op, Err: err}
	}
	defer w.close()
	res := vigil.ImportResult{Added: map[vigil.Kind]int{}, Unchanged: p.unchanged, Rejected: p.problems,
		FirstSeq: w.f.Size(), Recorded: w.now, Batch: "import-" + strconv.FormatUint(w.f.Size(), 10)}
	for n, i := range p.write {
		if err := w.record(ctx, &recs[i], res.Batch); err != nil {
			return vigil.ImportResult{}, &vigil.Error{Code: vigil.EInternal, Op: op, Message: fmt.Sprintf("line %d: cannot write", recs[i].Line), Err: err}
		}
		res.Added[recs[i].Kind]++
		if opt.Progress != nil && (n%4096 == 0 || n == len(p.write)-1) {
			opt.Progress(n+1, len(p.write))
		}
	}
	if err := w.summary(ctx, res, opt); err != nil {
		return vigil.ImportResult{}, &vigil.Error{Code: vigil.EInternal, Op: op, Err: err}
	}
	note, err := s.checkpoint(ctx, tx, w.f)
	if err != nil {
		return vigil.ImportResult{}, err
	}
	if err := tx.Commit(); err != nil {
		return vigil.ImportResult{}, &vigil.Error{Code: vigil.EUnavailable, Op: op, Message: "cannot commit to " + s.path, Err: err}
	}
	res.Size = w.f.Size()
	return res, s.writeOutside(note)
}

// writer appends events to the log inside one transaction, all with one
// "now", keeping the tree's frontier current.
type writer struct {
	tx             *sql.Tx
	f              *eventlog.Frontier
	pr             *projector
	event, payload *sql.Stmt
	now            time.Time
	actor, purpose string
}

func (s *Store) newWriter(ctx context.Context, tx *sql.Tx, actor, purpose string) (*writer, error) {
	f, err := frontier(ctx, tx)
	if err != nil {
		return nil, err
	}
	pr, err := newProjector(ctx, tx)
	if err != nil {
		return nil, err
	}
	w := &writer{tx: tx, f: f, pr: pr, now: s.opt.Now().UTC(), actor: actor, purpose: purpose}
	if w.event, err = tx.PrepareContext(ctx, `INSERT INTO events (seq, envelope, leaf) VALUES (?, ?, ?)`); err != nil {
		w.close()
		return nil, err
	}
	if w.payload, err = tx.PrepareContext(ctx, `INSERT INTO payloads (seq, body) VALUES (?, ?)`); err != nil {
		w.close()
		return nil, err
	}
	return w, nil
}

func (w *writer) close() {
	w.pr.close()
	for _, st := range []*sql.Stmt{w.event, w.payload} {
		if st != nil {
			st.Close()
		}
	}
}

// append writes one event and its payload and returns the event.
func (w *writer) append(ctx context.Context, e *eventlog.Event, payload []byte) error {
	e.Seq = w.f.Size()
	e.Actor, e.Purpose, e.RecordedAt = w.actor, w.purpose, w.now
	if e.EffectiveAt.IsZero() {
		e.EffectiveAt = w.now
	}
	e.PayloadHash = eventlog.PayloadHash(payload)
	if err := e.Validate(); err != nil {
		return err
	}
	env := e.Encode()
	leaf := eventlog.LeafHash(env)
	if _, err := w.event.ExecContext(ctx, int64(e.Seq), env, leaf[:]); err != nil {
		return fmt.Errorf("append event %d: %w", e.Seq, err)
	}
	if _, err := w.payload.ExecContext(ctx, int64(e.Seq), payload); err != nil {
		return fmt.Errorf("append payload %d: %w", e.Seq, err)
	}
	w.f.Append(leaf)
	return nil
}

func (w *writer) record(ctx context.Context, rec *vigil.Record, batch string) error {
	e := eventFor(rec)
	e.Batch = batch
	if err := w.append(ctx, &e, rec.Payload); err != nil {
		return err
	}
	return w.pr.apply(ctx, &e, rec)
}

// eventFor fills the envelope fields a record determines: its kind, id,
// compartment and times.
func eventFor(rec *vigil.Record) eventlog.Event {
	e := eventlog.Event{Kind: string(rec.Kind), ID: rec.ID, Compartment: rec.Compartment()}
	switch {
	case rec.Item != nil:
		e.ReceivedAt = timePtr(rec.Item.ReceivedAt)
		e.OccurredAt = timePtr(rec.Item.OccurredAt)
	case rec.Link != nil:
		e.ReceivedAt = timePtr(rec.Link.ReceivedAt)
	case rec.Amendment != nil:
		e.EffectiveAt = rec.Amendment.EffectiveAt
	case rec.Retraction != nil:
		e.EffectiveAt = rec.Retraction.EffectiveAt
	}
	return e
}

func timePtr(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	t = t.UTC()
	return &t
}

// summary records the import itself: who ran it, on what file, with what
// outcome.
func (w *writer) summary(ctx context.Context, res vigil.ImportResult, opt vigil.ImportOptions) error {
	s := importSummary{File: opt.File, SHA256: opt.SHA256, Partial: opt.Partial, Added: res.Total(),
		Unchanged: res.Unchanged, Rejected: countLines(res.Rejected), ByKind: map[string]int{}}
	for k, n := range res.Added {
		s.ByKind[string(k)] = n
	}
	payload, err := json.Marshal(s)
	if err != nil {
		return err
	}
	e := eventlog.Event{Kind: string(vigil.KindImport), ID: res.Batch}
	if err := w.append(ctx, &e, payload); err != nil {
		return err
	}
	return w.pr.importRow(ctx, &e, s)
}
