package sqlite

import (
	"context"
	"database/sql/driver"
	"fmt"
	"io"
	"strings"

	"github.com/vigil-oss/vigil"
	"github.com/vigil-oss/vigil/grade"
)

// Items are nearly all of a caseload, and an engine's cold start reads ten
// million of them, so Feed reads them apart from the other kinds: straight
// from the driver (as an import writes them, see pipe), with SQLite's work
// — sorting by seq, stepping, copying values out — on a goroutine of its
// own, so that it runs on one core while records are built, and fn runs,
// on the other.

// An item's columns come as one tab-separated text (no id, code or time
// holds a tab or any control character): the driver copies out one string
// per row instead of nine, and makes one allocation for it instead of
// eighteen, which at ten million rows is seconds.
//
// Both queries read in their table's key order, by item id, and are merged on it: in
// seq order SQLite would first sort ten million rows.
const (
	itemColumns = 2 // seq, the rest
	itemsSQL    = `SELECT seq, concat_ws(char(9), id, source, received_at, occurred_at, grade_scheme, grade_code,
		indicators, derived_from, compartment) FROM items WHERE seq >= ? AND seq < ? ORDER BY id`
	subjectColumns  = 2 // item, subject and role
	itemSubjectsSQL = `SELECT item, subject || char(9) || role FROM item_subjects
		WHERE seq >= ? AND seq < ? ORDER BY item, subject`
)

// itemBatch is a run of item rows, each with its subjects.
type itemBatch struct {
	rows     []driver.Value // itemColumns values per item
	subjects []driver.Value // subjectColumns per subject, in item order
	counts   []int          // subjects per item
}

const itemBatchSize = 1024

// itemReader reads items and their subjects on its own goroutine. Its owner
// receives batches until the channel closes, then reads err; to stop early
// it closes stop and drains batches.
type itemReader struct {
	batches chan *itemBatch
	free    chan *itemBatch // batches handed back for reuse
	stop    chan struct{}
	err     error // set before batches closes
}

func startItemReader(ctx context.Context, dc any, from, to int64) *itemReader {
	r := &itemReader{batches: make(chan *itemBatch, 4), free: make(chan *itemBatch, 8), stop: make(chan struct{})}
	go func() {
		defer close(r.batches)
		r.err = r.run(ctx, dc, from, to)
	}()
	return r
}

// query starts one query on the driver connection.
func query(ctx context.Context, dc any, q string, args ...any) (driver.Rows, error) {
	conn, ok := dc.(driver.ConnPrepareContext)
	if !ok {
		return nil, fmt.Errorf("driver connection %T cannot prepare statements", dc)
	}
	st, err := conn.PrepareContext(ctx, q)
	if err != nil {
		return nil, err
	}
	sq, ok := st.(driver.StmtQueryContext)
	if !ok {
		st.Close()
		return nil, fmt.Errorf("driver statement %T cannot query with a context", st)
	}
	named := make([]driver.NamedValue, len(args))
	for i, a := range args {
		named[i] = driver.NamedValue{Ordinal: i + 1, Value: a}
	}
	rows, err := sq.QueryContext(ctx, named)
	if err != nil {
		st.Close()
		return nil, err
	}
	return stmtRows{rows, st}, nil
}

// stmtRows closes its statement with its rows.
type stmtRows struct {
	driver.Rows
	st driver.Stmt
}

func (r stmtRows) Close() error {
	err := r.Rows.Close()
	if serr := r.st.Close(); err == nil {
		err = serr
	}
	return err
}

// run merges the two ordered cursors — items, and their subjects, both by
// seq — into batches.
func (r *itemReader) run(ctx context.Context, dc any, from, to int64) error {
	items, err := query(ctx, dc, itemsSQL, from, to)
	if err != nil {
		return fmt.Errorf("read items: %w", err)
	}
	defer items.Close()
	subjects, err := query(ctx, dc, itemSubjectsSQL, from, to)
	if err != nil {
		return fmt.Errorf("read item_subjects: %w", err)
	}
	defer subjects.Close()
	sub := make([]driver.Value, subjectColumns)
	more, err := next(subjects, sub)
	if err != nil {
		return fmt.Errorf("read item_subjects: %w", err)
	}
	b := r.batch()
	row := make([]driver.Value, itemColumns)
	for {
		switch err := items.Next(row); {
		case err == io.EOF:
			if len(b.counts) > 0 {
				r.send(b)
			}
			return nil
		case err != nil:
			return fmt.Errorf("read items: %w", err)
		}
		text, _ := row[1].(string)
		id, _, _ := strings.Cut(text, "\t")
		n := 0
		// Subjects of earlier ids have no item: none, in an intact store. (SQLite's
		// BINARY collation and Go's string order are both bytewise.)
		for more && sub[0].(string) <= id {
			if sub[0].(string) == id {
				b.subjects = append(b.subjects, sub...)
				n++
			}
			if more, err = next(subjects, sub); err != nil {
				return fmt.Errorf("read item_subjects: %w", err)
			}
		}
		b.rows = append(b.rows, row...)
		b.counts = append(b.counts, n)
		if len(b.counts) == itemBatchSize {
			if !r.send(b) {
				return nil
			}
			b = r.batch()
		}
	}
}

func next(rows driver.Rows, dest []driver.Value) (bool, error) {
	switch err := rows.Next(dest); {
	case err == io.EOF:
		return false, nil
	case err != nil:
		return false, err
	}
	if _, ok := dest[0].(string); !ok {
		return false, fmt.Errorf("item is %T, want text", dest[0])
	}
	return true, nil
}

// batch returns an empty batch, reusing one the owner handed back.
func (r *itemReader) batch() *itemBatch {
	select {
	case b := <-r.free:
		b.rows, b.subjects, b.counts = b.rows[:0], b.subjects[:0], b.counts[:0]
		return b
	default:
		return &itemBatch{rows: make([]driver.Value, 0, itemBatchSize*itemColumns),
			subjects: make([]driver.Value, 0, itemBatchSize*subjectColumns*2), counts: make([]int, 0, itemBatchSize)}
	}
}

// send hands a batch to the owner; false when the owner has stopped.
func (r *itemReader) send(b *itemBatch) bool {
	select {
	case r.batches <- b:
		return true
	case <-r.stop:
		return false
	}
}

// items feeds every item in [from, to) with its subjects. It runs on the
// snapshot's connection, borrowed from database/sql for the duration.
func (f *feed) items() error {
	return f.conn.Raw(func(dc any) error {
		r := startItemReader(f.ctx, dc, f.from, f.to)
		err := f.itemsFrom(r)
		if err != nil {
			close(r.stop)
		}
		for range r.batches {
			// Wait for the reader to finish with the connection.
		}
		if err != nil {
			return err
		}
		return r.err
	})
}

func (f *feed) itemsFrom(r *itemReader) error {
	for b := range r.batches {
		if err := f.ctx.Err(); err != nil {
			return err
		}
		subs := b.subjects
		for i, n := range b.counts {
			rec, err := f.item(b.rows[i*itemColumns:(i+1)*itemColumns], subs[:subjectColumns*n])
			if err != nil {
				return fmt.Errorf("feed items: %w", err)
			}
			subs = subs[subjectColumns*n:]
			if err := f.fn(rec); err != nil {
				return &callerError{err}
			}
		}
		select {
		case r.free <- b:
		default:
		}
	}
	return nil
}

// itemRecord is a record and its item in one allocation: Feed hands out
// millions of them.
type itemRecord struct {
	rec  vigil.Record
	item vigil.Item
}

// item builds one item's record from its row and its subjects' rows.
func (f *feed) item(row, subjects []driver.Value) (*vigil.Record, error) {
	seq, _ := row[0].(int64)
	text, _ := row[1].(string)
	col, ok := columns(text)
	if !ok {
		return nil, fmt.Errorf("item at seq %d: want 9 tab-separated columns, got %q", seq, text)
	}
	ir := &itemRecord{}
	it := &ir.item
	// Ids are copied out of the row, which is otherwise garbage at once.
	it.ID, it.Source, it.Compartment = strings.Clone(col[0]), strings.Clone(col[1]), f.code(col[8])
	it.ReceivedAt, it.OccurredAt = parseTime(col[2]), parseTime(col[3])
	it.Grade = grade.InformationGrade{Scheme: grade.Scheme(f.code(col[4])), Code: f.code(col[5])}
	it.Indicators, it.DerivedFrom = f.codes(col[6]), split(strings.Clone(col[7]))
	if len(subjects) > 0 {
		it.Subjects = make([]vigil.SubjectRef, 0, len(subjects)/subjectColumns)
	}
	for j := 0; j < len(subjects); j += subjectColumns {
		text, _ := subjects[j+1].(string)
		id, role, ok := strings.Cut(text, "\t")
		if !ok {
			return nil, fmt.Errorf("item %s: subject row %q: want subject and role", it.ID, text)
		}
		it.Subjects = append(it.Subjects, vigil.SubjectRef{ID: id, Role: vigil.SubjectRole(f.code(role))})
	}
	ir.rec = vigil.Record{Seq: uint64(seq), Kind: vigil.KindItem, ID: it.ID, Item: it}
	return &ir.rec, nil
}

// columns splits an item row's text into its nine columns.
func columns(text string) (col [9]string, ok bool) {
	for i := range len(col) - 1 {
		if col[i], text, ok = strings.Cut(text, "\t"); !ok {
			return col, false
		}
	}
	col[len(col)-1] = text
	return col, !strings.Contains(text, "\t")
}

// code returns the one copy of a code this feed hands out. A code seen
// for the first time is copied: s may be a slice of a row, which it would
// otherwise keep alive.
func (f *feed) code(s string) string {
	if v, ok := f.strs[s]; ok {
		return v
	}
	s = strings.Clone(s)
	f.strs[s] = s
	return s
}

// codes splits a space-separated column of codes into their one copies.
func (f *feed) codes(s string) []string {
	if s == "" {
		return nil
	}
	out := make([]string, 0, strings.Count(s, " ")+1)
	for s != "" {
		w, rest, _ := strings.Cut(s, " ")
		out = append(out, f.code(w))
		s = rest
	}
	return out
}

// split splits a space-separated column of ids.
func split(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, " ")
}
