package sqlite

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"time"

	"github.com/vigil-oss/vigil"
	"github.com/vigil-oss/vigil/eventlog"
	"github.com/vigil-oss/vigil/grade"
	"github.com/vigil-oss/vigil/ndjson"
)

// snapshot runs fn in one read transaction on a connection of its own. It
// begins with a plain BEGIN, not the BEGIN IMMEDIATE the store's
// connections are set to for writers (dsn's _txlock): a deferred
// transaction takes no write lock, so a long read, such as a cold start
// reading the whole caseload, never holds up an import, and in WAL mode it
// reads one snapshot from its first query on, whatever commits meanwhile.
func (s *Store) snapshot(ctx context.Context, fn func(conn *sql.Conn) error) error {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `BEGIN`); err != nil {
		return err
	}
	err = fn(conn)
	if _, rerr := conn.ExecContext(context.WithoutCancel(ctx), `ROLLBACK`); rerr != nil {
		// A connection left inside a transaction must not go back to the
		// pool, where it would pin this snapshot.
		conn.Raw(func(any) error { return driver.ErrBadConn })
		if err == nil {
			err = rerr
		}
	}
	return err
}

// logSize is the number of events in the log: seqs are dense from 0.
func logSize(ctx context.Context, conn *sql.Conn) (uint64, error) {
	var n int64
	if err := conn.QueryRowContext(ctx, `SELECT coalesce(max(seq) + 1, 0) FROM events`).Scan(&n); err != nil {
		return 0, fmt.Errorf("read the log's size: %w", err)
	}
	return uint64(n), nil
}

// recordedAt reads when event seq was recorded, from its envelope.
func recordedAt(ctx context.Context, conn *sql.Conn, seq uint64) (time.Time, error) {
	var env []byte
	if err := conn.QueryRowContext(ctx, `SELECT envelope FROM events WHERE seq = ?`, int64(seq)).Scan(&env); err != nil {
		return time.Time{}, fmt.Errorf("read event %d: %w", seq, err)
	}
	e, err := eventlog.Decode(env)
	if err != nil {
		return time.Time{}, fmt.Errorf("event %d: %w", seq, err)
	}
	return e.RecordedAt, nil
}

// SizeAt returns how many events were recorded at or before t. Recorded
// times never decrease along the log, so it is a binary search: about
// forty envelopes read for a log of a trillion events.
func (s *Store) SizeAt(ctx context.Context, t time.Time) (uint64, error) {
	const op = "size at"
	if _, err := s.reader(ctx, op); err != nil {
		return 0, err
	}
	var n uint64
	err := s.snapshot(ctx, func(conn *sql.Conn) error {
		size, err := logSize(ctx, conn)
		if err != nil {
			return err
		}
		var readErr error
		// The first event recorded after t; every one before it is known at t.
		n = uint64(sort.Search(int(size), func(i int) bool {
			at, err := recordedAt(ctx, conn, uint64(i))
			if err != nil && readErr == nil {
				readErr = err
			}
			return err != nil || at.After(t)
		}))
		return readErr
	})
	if err != nil {
		return 0, &vigil.Error{Code: vigil.EUnavailable, Op: op, Message: "cannot read the log of " + s.path, Err: err}
	}
	return n, nil
}

// Feed hands every record from event from on to fn, kind by kind, from one
// snapshot, and returns the log's size in it. If fn returns an error, Feed
// stops and returns it as it is; if Feed fails part way, fn has seen some
// records of the snapshot and the caller should start again from the same
// from.
func (s *Store) Feed(ctx context.Context, from uint64, fn func(*vigil.Record) error) (uint64, error) {
	const op = "feed"
	if _, err := s.reader(ctx, op); err != nil {
		return 0, err
	}
	var size uint64
	err := s.snapshot(ctx, func(conn *sql.Conn) error {
		var err error
		if size, err = logSize(ctx, conn); err != nil || from >= size {
			return err
		}
		f := &feed{ctx: ctx, conn: conn, from: int64(from), to: int64(size), fn: fn, strs: map[string]string{}}
		if from > 0 && size-from <= min(from, maxLogFeed) {
			return f.fromLog()
		}
		for _, kind := range []func() error{f.sources, f.subjects, f.investigations, f.items, f.links,
			f.amendments, f.retractions, f.decisions} {
			if err := kind(); err != nil {
				return err
			}
		}
		return nil
	})
	var ce *callerError
	switch {
	case errors.As(err, &ce):
		return 0, ce.err
	case err != nil:
		return 0, &vigil.Error{Code: vigil.EUnavailable, Op: op, Message: "cannot read " + s.path, Err: err}
	}
	return size, nil
}

// maxLogFeed is the most events Feed reads from the log itself rather than from the
// projection. The projection has no index on seq, so reading a few new rows from it
// scans whole tables (a second at ten million items, after every consultation); the log
// is indexed by seq, but each record must then be decoded from its payload.
const maxLogFeed = 200_000

// fromLog feeds the records of events [from, to) by decoding their payloads, for a Feed
// that follows a log grown by a little. What it hands out is what the projection would:
// records grouped by kind, items without handling, summary or mentions, nothing for an
// erased payload.
func (f *feed) fromLog() error {
	rows, err := f.conn.QueryContext(f.ctx, `SELECT seq, envelope, payload FROM events WHERE seq >= ? AND seq < ? ORDER BY seq`, f.from, f.to)
	if err != nil {
		return fmt.Errorf("read the log: %w", err)
	}
	defer rows.Close()
	byKind := map[vigil.Kind][]*vigil.Record{}
	for rows.Next() {
		var seq int64
		var env, payload []byte
		if err := rows.Scan(&seq, &env, &payload); err != nil {
			return fmt.Errorf("read the log: %w", err)
		}
		rec, err := logRecord(seq, env, payload)
		if err != nil {
			return err
		}
		if rec != nil {
			byKind[rec.Kind] = append(byKind[rec.Kind], rec)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read the log: %w", err)
	}
	for _, k := range []vigil.Kind{vigil.KindSource, vigil.KindSubject, vigil.KindInvestigation, vigil.KindItem,
		vigil.KindLink, vigil.KindAmend, vigil.KindRetract, vigil.KindDecision} {
		for _, rec := range byKind[k] {
			if err := f.fn(rec); err != nil {
				return &callerError{err}
			}
		}
	}
	return nil
}

// logRecord decodes one logged event as Feed hands it out; nil for events that are not
// records (imports, consultations, erasures) and for erased payloads.
func logRecord(seq int64, env, payload []byte) (*vigil.Record, error) {
	e, err := eventlog.Decode(env)
	if err != nil {
		return nil, fmt.Errorf("event %d: %w", seq, err)
	}
	switch {
	case payload == nil, e.Kind == eventlog.KindErase, e.Kind == eventlog.KindConsultation, e.Kind == string(vigil.KindImport):
		return nil, nil
	case e.Kind == eventlog.KindDecision:
		p, err := eventlog.DecodeDecision(payload)
		if err != nil {
			return nil, fmt.Errorf("event %d: %w", seq, err)
		}
		d := decisionOf(&e, &p)
		return &vigil.Record{Seq: uint64(seq), Kind: vigil.KindDecision, ID: d.ID, Decision: &d}, nil
	}
	rec, probs := ndjson.DecodeLine(0, payload, nil)
	if len(probs) > 0 {
		return nil, fmt.Errorf("event %d: payload does not decode: %s", seq, probs[0])
	}
	rec.Seq, rec.Payload, rec.Hash, rec.Refs = uint64(seq), nil, [32]byte{}, nil
	if it := rec.Item; it != nil {
		it.Handling, it.Summary, it.Mentions = grade.Handling{}, "", 0
	}
	return &rec, nil
}

// callerError carries fn's error out of Feed untouched.
type callerError struct{ err error }

func (e *callerError) Error() string { return e.err.Error() }

// feed reads the projection rows of events [from, to) for one Feed call.
type feed struct {
	ctx      context.Context
	conn     *sql.Conn
	from, to int64
	fn       func(*vigil.Record) error
	// strs holds one copy of each code (grade, status, role, indicator,
	// compartment, ...): ten million items then share a few hundred
	// strings. Ids are not interned: there are as many as records, and an
	// engine maps them to its own indexes anyway.
	strs map[string]string
}

// codeOf is code for a column read as bytes.
func (f *feed) codeBytes(b []byte) string {
	if s, ok := f.strs[string(b)]; ok {
		return s
	}
	s := string(b)
	f.strs[s] = s
	return s
}

func (f *feed) query(q string) (*sql.Rows, error) {
	rows, err := f.conn.QueryContext(f.ctx, q, f.from, f.to)
	if err != nil {
		return nil, fmt.Errorf("feed: %w", err)
	}
	return rows, nil
}

// each runs one query over the seq range, calling scan for each row and fn
// with the record scan builds.
func (f *feed) each(table, q string, scan func(rows *sql.Rows) (*vigil.Record, error)) error {
	rows, err := f.query(q)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		rec, err := scan(rows)
		if err != nil {
			return fmt.Errorf("feed %s: %w", table, err)
		}
		if err := f.fn(rec); err != nil {
			return &callerError{err}
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("feed %s: %w", table, err)
	}
	return nil
}

func (f *feed) sources() error {
	return f.each("sources", `SELECT seq, id, kind, scheme, code, originator FROM sources
		WHERE seq >= ? AND seq < ? ORDER BY seq`, func(rows *sql.Rows) (*vigil.Record, error) {
		var seq int64
		var id, originator string
		var kind, scheme, code sql.RawBytes
		if err := rows.Scan(&seq, &id, &kind, &scheme, &code, &originator); err != nil {
			return nil, err
		}
		src := &vigil.Source{ID: id, Kind: vigil.SourceKind(f.codeBytes(kind)), Originator: originator,
			Grade: grade.SourceGrade{Scheme: grade.Scheme(f.codeBytes(scheme)), Code: f.codeBytes(code)}}
		return &vigil.Record{Seq: uint64(seq), Kind: vigil.KindSource, ID: src.ID, Source: src}, nil
	})
}

func (f *feed) subjects() error {
	return f.each("subjects", `SELECT seq, id, status, compartment FROM subjects
		WHERE seq >= ? AND seq < ? ORDER BY seq`, func(rows *sql.Rows) (*vigil.Record, error) {
		var seq int64
		var id string
		var status, compartment sql.RawBytes
		if err := rows.Scan(&seq, &id, &status, &compartment); err != nil {
			return nil, err
		}
		sub := &vigil.Subject{ID: id, Status: vigil.Status(f.codeBytes(status)), Compartment: f.codeBytes(compartment)}
		return &vigil.Record{Seq: uint64(seq), Kind: vigil.KindSubject, ID: sub.ID, Subject: sub}, nil
	})
}

// members reads the rows a record owns in another table (an
// investigation's subjects, an item's), in seq order beside the records'
// own rows: one merge of two ordered cursors instead of a query per record.
type members struct {
	rows   *sql.Rows
	ok     bool
	seq    int64
	id     sql.RawBytes
	role   sql.RawBytes
	scanTo []any
}

func (f *feed) members(q string, withRole bool) (*members, error) {
	rows, err := f.query(q)
	if err != nil {
		return nil, err
	}
	m := &members{rows: rows}
	m.scanTo = []any{&m.seq, &m.id}
	if withRole {
		m.scanTo = append(m.scanTo, &m.role)
	}
	return m, m.next()
}

func (m *members) next() error {
	if m.ok = m.rows.Next(); !m.ok {
		return m.rows.Err()
	}
	return m.rows.Scan(m.scanTo...)
}

// take calls fn with each member of the record at seq, skipping any left
// over from earlier seqs (rows without a record: none, in an intact store).
func (m *members) take(seq int64, fn func(id, role []byte)) error {
	for m.ok && m.seq <= seq {
		if m.seq == seq {
			fn(m.id, m.role)
		}
		if err := m.next(); err != nil {
			return err
		}
	}
	return nil
}

func (f *feed) investigations() error {
	m, err := f.members(`SELECT seq, subject FROM investigation_subjects
		WHERE seq >= ? AND seq < ? ORDER BY seq, subject`, false)
	if err != nil {
		return err
	}
	defer m.rows.Close()
	return f.each("investigations", `SELECT seq, id, name, tier, compartment FROM investigations
		WHERE seq >= ? AND seq < ? ORDER BY seq`, func(rows *sql.Rows) (*vigil.Record, error) {
		var seq int64
		var id, name string
		var tier, compartment sql.RawBytes
		if err := rows.Scan(&seq, &id, &name, &tier, &compartment); err != nil {
			return nil, err
		}
		v := &vigil.Investigation{ID: id, Name: name, Tier: vigil.Tier(f.codeBytes(tier)), Compartment: f.codeBytes(compartment)}
		err := m.take(seq, func(sub, _ []byte) { v.Subjects = append(v.Subjects, string(sub)) })
		return &vigil.Record{Seq: uint64(seq), Kind: vigil.KindInvestigation, ID: id, Investigation: v}, err
	})
}

func (f *feed) links() error {
	return f.each("links", `SELECT seq, id, from_id, to_id, kind, received_at, source, item FROM links
		WHERE seq >= ? AND seq < ? ORDER BY seq`, func(rows *sql.Rows) (*vigil.Record, error) {
		var seq int64
		var id, from, to, received, source, item string
		var kind sql.RawBytes
		if err := rows.Scan(&seq, &id, &from, &to, &kind, &received, &source, &item); err != nil {
			return nil, err
		}
		l := &vigil.Link{ID: id, From: from, To: to, Kind: vigil.LinkKind(f.codeBytes(kind)),
			ReceivedAt: parseTime(received), Source: source, Item: item}
		return &vigil.Record{Seq: uint64(seq), Kind: vigil.KindLink, ID: id, Link: l}, nil
	})
}

func (f *feed) amendments() error {
	return f.each("amendments", `SELECT seq, id, target_type, target_id, effective_at, fields, rationale FROM amendments
		WHERE seq >= ? AND seq < ? ORDER BY seq`, func(rows *sql.Rows) (*vigil.Record, error) {
		var seq int64
		var id, targetType, targetID, eff, rationale string
		var set []byte
		if err := rows.Scan(&seq, &id, &targetType, &targetID, &eff, &set, &rationale); err != nil {
			return nil, err
		}
		fields, err := splitSet(set)
		if err != nil {
			return nil, fmt.Errorf("amendment %s: %w", id, err)
		}
		a := &vigil.Amendment{Target: vigil.Target{Type: vigil.Kind(targetType), ID: targetID}, Set: fields,
			EffectiveAt: parseTime(eff), Rationale: rationale}
		return &vigil.Record{Seq: uint64(seq), Kind: vigil.KindAmend, ID: id, Amendment: a}, nil
	})
}

// splitSet reads an amendment's fields column, one canonical JSON object,
// back into its values by field (the inverse of setJSON).
func splitSet(b []byte) (map[string][]byte, error) {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("fields: %w", err)
	}
	out := make(map[string][]byte, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out, nil
}

func (f *feed) retractions() error {
	return f.each("retractions", `SELECT seq, id, target_type, target_id, effective_at, rationale FROM retractions
		WHERE seq >= ? AND seq < ? ORDER BY seq`, func(rows *sql.Rows) (*vigil.Record, error) {
		var seq int64
		var id, targetType, targetID, eff, rationale string
		if err := rows.Scan(&seq, &id, &targetType, &targetID, &eff, &rationale); err != nil {
			return nil, err
		}
		r := &vigil.Retraction{Target: vigil.Target{Type: vigil.Kind(targetType), ID: targetID},
			EffectiveAt: parseTime(eff), Rationale: rationale}
		return &vigil.Record{Seq: uint64(seq), Kind: vigil.KindRetract, ID: id, Retraction: r}, nil
	})
}

func (f *feed) decisions() error {
	return f.each("decisions", `SELECT `+decisionColumns+` FROM decisions d JOIN events e ON e.seq = d.seq
		WHERE d.seq >= ? AND d.seq < ? ORDER BY d.seq`, func(rows *sql.Rows) (*vigil.Record, error) {
		d, err := scanDecision(rows)
		if err != nil {
			return nil, err
		}
		return &vigil.Record{Seq: d.Seq, Kind: vigil.KindDecision, ID: d.ID, Decision: &d.Decision}, nil
	})
}
