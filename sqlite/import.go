package sqlite

import (
	"context"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
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

// Import checks every record, then writes the accepted ones, an import
// summary event and a signed checkpoint in one transaction: a crash leaves
// all of it or none.
func (s *Store) Import(ctx context.Context, recs []vigil.Record, opt vigil.ImportOptions) (vigil.ImportResult, error) {
	return s.ImportStream(ctx, func(fn func([]vigil.Record, []vigil.FieldError) error) error {
		return fn(recs, nil)
	}, opt)
}

// ImportStream imports records as they arrive. Without Partial they are
// checked and written chunk by chunk inside one transaction, which is rolled
// back if any record turns out bad; with Partial the whole input is gathered
// and planned first, so that rejections cascade.
func (s *Store) ImportStream(ctx context.Context, src vigil.Records, opt vigil.ImportOptions) (vigil.ImportResult, error) {
	const op = "import"
	actor, err := vigil.RequireActor(ctx, op)
	if err != nil {
		return vigil.ImportResult{}, err
	}
	var res vigil.ImportResult
	committed, err := s.commit(ctx, op, actor.Name, func(tx *sql.Tx, w *writer) error {
		res = vigil.ImportResult{Added: map[vigil.Kind]int{}, FirstSeq: w.f.Size(), Recorded: w.now,
			Batch: "import-" + strconv.FormatUint(w.f.Size(), 10)}
		var err error
		if opt.Partial {
			err = s.importGathered(ctx, tx, w, src, opt, &res)
		} else {
			err = s.importStreamed(ctx, w, src, opt, &res)
		}
		if err != nil {
			return err
		}
		if err := w.summary(ctx, res, opt); err != nil {
			return &vigil.Error{Code: vigil.EInternal, Op: op, Err: err}
		}
		res.Size = w.f.Size()
		return nil
	})
	if !committed {
		return vigil.ImportResult{}, err
	}
	return res, err
}

// commit runs fn with a writer in one write transaction and, if fn appended
// any event, signs the new tree, commits, and replaces the checkpoint kept
// outside the store: every write to the log ends this way. committed
// reports whether the events are in the log; after the commit only the
// outside checkpoint can fail, and its error says so.
func (s *Store) commit(ctx context.Context, op, actor string, fn func(tx *sql.Tx, w *writer) error) (committed bool, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	// The write has a connection of its own: its inserts go to the driver
	// directly (see pipe), inside this transaction.
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return false, &vigil.Error{Code: vigil.EUnavailable, Op: op, Message: "cannot connect to " + s.path, Err: err}
	}
	defer conn.Close()
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return false, &vigil.Error{Code: vigil.EUnavailable, Op: op, Message: "cannot begin a write to " + s.path, Err: err}
	}
	defer tx.Rollback()
	w, err := s.newWriter(ctx, conn, tx, actor, vigil.PurposeFrom(ctx))
	if err != nil {
		return false, &vigil.Error{Code: vigil.EInternal, Op: op, Err: err}
	}
	defer w.close()
	start := w.f.Size()
	if err := fn(tx, w); err != nil {
		return false, err
	}
	if err := w.flush(); err != nil {
		return false, &vigil.Error{Code: vigil.EInternal, Op: op, Message: "cannot write to " + s.path, Err: err}
	}
	if w.f.Size() == start {
		return false, nil // nothing appended: nothing to sign
	}
	note, err := s.checkpoint(ctx, tx, w.f)
	if err != nil {
		return false, err
	}
	if err := tx.Commit(); err != nil {
		return false, &vigil.Error{Code: vigil.EUnavailable, Op: op, Message: "cannot commit to " + s.path, Err: err}
	}
	return true, s.writeOutside(note)
}

// importGathered plans the whole input, then writes the good records.
func (s *Store) importGathered(ctx context.Context, tx *sql.Tx, w *writer, src vigil.Records, opt vigil.ImportOptions, res *vigil.ImportResult) error {
	const op = "import"
	var recs []vigil.Record
	probs := slices.Clone(opt.Rejected)
	if err := src(func(rs []vigil.Record, ps []vigil.FieldError) error {
		recs, probs = append(recs, rs...), append(probs, ps...)
		return ctx.Err()
	}); err != nil {
		return inputErr(err)
	}
	p, err := planImport(ctx, tx, recs)
	if err != nil {
		return &vigil.Error{Code: vigil.EInternal, Op: op, Err: err}
	}
	res.Unchanged = p.unchanged
	res.Rejected = sortByLine(append(probs, p.problems...))
	for n, i := range p.write {
		if err := w.record(ctx, &recs[i], res.Batch); err != nil {
			return &vigil.Error{Code: vigil.EInternal, Op: op, Message: fmt.Sprintf("line %d: cannot write", recs[i].Line), Err: err}
		}
		res.Added[recs[i].Kind]++
		if opt.Progress != nil && (n%4096 == 0 || n == len(p.write)-1) {
			opt.Progress(n+1, len(p.write))
		}
	}
	return nil
}

// importStreamed checks and writes each chunk as it arrives; the caller's
// transaction is rolled back if any record is bad.
func (s *Store) importStreamed(ctx context.Context, w *writer, src vigil.Records, opt vigil.ImportOptions, res *vigil.ImportResult) error {
	const op = "import"
	rd, err := s.db.Conn(ctx)
	if err != nil {
		return &vigil.Error{Code: vigil.EUnavailable, Op: op, Message: "cannot connect to " + s.path, Err: err}
	}
	defer rd.Close()
	st, err := newStream(ctx, rd)
	if err != nil {
		return &vigil.Error{Code: vigil.EInternal, Op: op, Err: err}
	}
	st.problems = append(st.problems, opt.Rejected...)
	done := 0
	err = src(func(recs []vigil.Record, probs []vigil.FieldError) error {
		st.problems = append(st.problems, probs...)
		accepted, err := st.check(ctx, recs)
		if err != nil {
			return err
		}
		if len(st.problems) > 0 {
			return ctx.Err() // keep checking, so every bad line is reported; write no more
		}
		for _, i := range accepted {
			if err := w.record(ctx, &recs[i], res.Batch); err != nil {
				return &vigil.Error{Code: vigil.EInternal, Op: op, Message: fmt.Sprintf("line %d: cannot write", recs[i].Line), Err: err}
			}
			res.Added[recs[i].Kind]++
		}
		done += len(recs)
		if opt.Progress != nil {
			opt.Progress(done, 0)
		}
		return ctx.Err()
	})
	if err != nil {
		return inputErr(err)
	}
	st.finish()
	if len(st.problems) > 0 {
		probs := sortByLine(st.problems)
		return &vigil.Error{Code: vigil.EInvalid, Op: op,
			Message: fmt.Sprintf("%d lines rejected; nothing written", countLines(probs)), Fields: probs}
	}
	res.Unchanged = st.unchanged
	res.Rejected = []vigil.FieldError{}
	return nil
}

// inputErr classifies an error from reading the input.
func inputErr(err error) error {
	var ve *vigil.Error
	if errors.As(err, &ve) {
		return err
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return &vigil.Error{Code: vigil.EUnavailable, Op: "import", Message: "import cancelled; nothing written", Err: err}
	}
	return &vigil.Error{Code: vigil.EUnavailable, Op: "import", Message: "cannot read the input; nothing written: " + err.Error(), Err: err}
}

func sortByLine(p []vigil.FieldError) []vigil.FieldError {
	slices.SortStableFunc(p, func(a, b vigil.FieldError) int { return a.Line - b.Line })
	return p
}

// writer appends events to the log inside one transaction, all with one
// "now", keeping the tree's frontier current.
type writer struct {
	f              *eventlog.Frontier
	pr             *projector
	pipe           *pipe
	now            time.Time
	actor, purpose string
}

func (s *Store) newWriter(ctx context.Context, conn *sql.Conn, tx *sql.Tx, actor, purpose string) (*writer, error) {
	// tx is where the frontier is read; the writes go through conn's pipe,
	// inside the same transaction.
	f, err := frontier(ctx, tx)
	if err != nil {
		return nil, err
	}
	last, err := lastRecorded(ctx, tx, f.Size())
	if err != nil {
		return nil, err
	}
	// Recorded times never decrease, even when the clock steps back, so that
	// what was known at any moment is a prefix of the log (SizeAt).
	now := s.opt.Now().UTC()
	if now.Before(last) {
		now = last
	}
	p := newPipe(conn, s.path)
	return &writer{f: f, pr: &projector{pipe: p}, pipe: p, now: now, actor: actor, purpose: purpose}, nil
}

// lastRecorded returns when the last of size events was recorded; zero for
// an empty log.
func lastRecorded(ctx context.Context, tx *sql.Tx, size uint64) (time.Time, error) {
	if size == 0 {
		return time.Time{}, nil
	}
	var env []byte
	if err := tx.QueryRowContext(ctx, `SELECT envelope FROM events WHERE seq = ?`, int64(size-1)).Scan(&env); err != nil {
		return time.Time{}, fmt.Errorf("read event %d, the last: %w", size-1, err)
	}
	e, err := eventlog.Decode(env)
	if err != nil {
		return time.Time{}, fmt.Errorf("event %d, the last: %w", size-1, err)
	}
	return e.RecordedAt, nil
}

// flush waits for every queued insert; after it, the writer writes no more.
func (w *writer) flush() error { return w.pipe.close() }

// close releases the writer whether or not it was flushed.
func (w *writer) close() { w.pipe.close() }

// payloadHash returns a record's payload hash, computing it only when the
// record did not come from the codec with it.
func payloadHash(rec *vigil.Record) [32]byte {
	if rec.Hash == ([32]byte{}) {
		return eventlog.PayloadHash(rec.Payload)
	}
	return rec.Hash
}

// append writes one event and its payload.
func (w *writer) append(ctx context.Context, e *eventlog.Event, payload []byte, hash [32]byte) error {
	e.Seq = w.f.Size()
	e.Actor, e.Purpose, e.RecordedAt = w.actor, w.purpose, w.now
	if e.EffectiveAt.IsZero() {
		e.EffectiveAt = w.now
	}
	e.PayloadHash = hash
	if err := e.Validate(); err != nil {
		return err
	}
	env := e.Encode()
	leaf := eventlog.LeafHash(env)
	if err := w.pipe.add("events", int64(e.Seq), env, leaf[:], payload); err != nil {
		return fmt.Errorf("append event %d: %w", e.Seq, err)
	}
	w.f.Append(leaf)
	return nil
}

func (w *writer) record(ctx context.Context, rec *vigil.Record, batch string) error {
	e := eventFor(rec)
	e.Batch = batch
	if err := w.append(ctx, &e, rec.Payload, payloadHash(rec)); err != nil {
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
	if opt.Digest != nil {
		opt.SHA256 = hex.EncodeToString(opt.Digest.Sum(nil))
	}
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
	if err := w.append(ctx, &e, payload, eventlog.PayloadHash(payload)); err != nil {
		return err
	}
	return w.pr.importRow(ctx, &e, s)
}
