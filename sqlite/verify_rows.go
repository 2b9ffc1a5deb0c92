package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// verifyProjection replays the log into a scratch database and compares
// every projection table with it, row by row in key order: a modified row
// differs, an inserted one has no counterpart, a deleted one is missing.
//
// The scratch database is a temporary file, not memory, so that verifying
// a store of ten million items needs a page cache, not gigabytes; it needs
// no durability, so it is written without a journal or syncs.
func (s *Store) verifyProjection(ctx context.Context, tx *sql.Tx) (int, error) {
	dir, err := os.MkdirTemp("", "vigil-verify-")
	if err != nil {
		return 0, err
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "replay.db")
	q := "file:" + path + "?_journal_mode=OFF&_synchronous=OFF&_cache_size=-65536"
	if s.opt.Driver == "sqlite" { // modernc.org/sqlite
		q = "file:" + path + "?_pragma=journal_mode(OFF)&_pragma=synchronous(OFF)&_pragma=cache_size(-65536)"
	}
	want, err := sql.Open(s.opt.Driver, q)
	if err != nil {
		return 0, err
	}
	defer want.Close()
	want.SetMaxOpenConns(1)
	if err := migrate(ctx, want); err != nil {
		return 0, fmt.Errorf("scratch schema: %w", err)
	}
	wtx, err := want.BeginTx(ctx, nil)
	if err != nil {
		return 0, err
	}
	defer wtx.Rollback()
	if err := replay(ctx, tx, wtx); err != nil {
		return 0, failf("%v", err)
	}
	n := 0
	for _, t := range projection() {
		c, err := compareTable(ctx, t, tx, wtx)
		n += c
		if err != nil {
			return n, err
		}
	}
	return n, nil
}

type row struct {
	key  string   // for messages
	keys []string // for ordering: column by column, as ORDER BY does
	cols []string
	vals []sql.NullString
}

type rowCursor struct {
	rows *sql.Rows
	t    table
	cols []string
	cur  *row
}

func openCursor(ctx context.Context, q queryer, t table) (*rowCursor, error) {
	rows, err := q.QueryContext(ctx, `SELECT * FROM `+t.name+` ORDER BY `+strings.Join(t.key, ", "))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", t.name, err)
	}
	cols, err := rows.Columns()
	if err != nil {
		rows.Close()
		return nil, err
	}
	c := &rowCursor{rows: rows, t: t, cols: cols}
	return c, c.next()
}

func (c *rowCursor) next() error {
	c.cur = nil
	if !c.rows.Next() {
		return c.rows.Err()
	}
	vals := make([]sql.NullString, len(c.cols))
	ptrs := make([]any, len(vals))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	if err := c.rows.Scan(ptrs...); err != nil {
		return err
	}
	var key []string
	for _, k := range c.t.key {
		for i, col := range c.cols {
			if col == k {
				key = append(key, vals[i].String)
			}
		}
	}
	c.cur = &row{key: strings.Join(key, "/"), keys: key, cols: c.cols, vals: vals}
	return nil
}

func (r *row) get(col string) string {
	for i, c := range r.cols {
		if c == col {
			return r.vals[i].String
		}
	}
	return ""
}

// compareTable walks the stored and expected rows of one table together.
func compareTable(ctx context.Context, t table, have, want queryer) (int, error) {
	h, err := openCursor(ctx, have, t)
	if err != nil {
		return 0, err
	}
	defer h.rows.Close()
	w, err := openCursor(ctx, want, t)
	if err != nil {
		return 0, err
	}
	defer w.rows.Close()
	n := 0
	for h.cur != nil || w.cur != nil {
		switch {
		case w.cur == nil || (h.cur != nil && slices.Compare(h.cur.keys, w.cur.keys) < 0):
			return n, failf("table %s id %s: row not produced by any event (inserted)", t.name, h.cur.key)
		case h.cur == nil || slices.Compare(w.cur.keys, h.cur.keys) < 0:
			return n, failf("table %s id %s: row missing (deleted); event %s produced it", t.name, w.cur.key, w.cur.get("seq"))
		}
		if len(h.cols) != len(w.cols) {
			return n, failf("table %s: columns differ from the schema", t.name)
		}
		for i := range h.cur.vals {
			if h.cur.vals[i] != w.cur.vals[i] {
				return n, failf("table %s id %s: column %s does not match event %s", t.name, h.cur.key, h.cols[i], w.cur.get("seq"))
			}
		}
		n++
		if err := h.next(); err != nil {
			return n, err
		}
		if err := w.next(); err != nil {
			return n, err
		}
	}
	return n, nil
}
