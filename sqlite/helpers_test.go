package sqlite_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/vigil-oss/vigil"
	"github.com/vigil-oss/vigil/catalogue"
	"github.com/vigil-oss/vigil/eventlog"
	"github.com/vigil-oss/vigil/ndjson"
	"github.com/vigil-oss/vigil/sqlite"
	"github.com/vigil-oss/vigil/storetest"
)

// admin is the context of an actor who sees every compartment.
func admin(t testing.TB) context.Context { return storetest.Context(t, vigil.AllCompartments) }

// create makes a fresh store in a temporary directory and returns it with
// its path.
func create(t testing.TB, opt sqlite.Options) (*sqlite.Store, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "s.db")
	opt.Create = true
	s, err := sqlite.Open(t.Context(), path, opt)
	if err != nil {
		t.Fatalf("create %s: %v", path, err)
	}
	return s, path
}

// reopen opens an existing store and closes it when the test ends.
func reopen(t testing.TB, path string) *sqlite.Store {
	t.Helper()
	s, err := sqlite.Open(t.Context(), path, sqlite.Options{})
	if err != nil {
		t.Fatalf("reopen %s: %v", path, err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func mustImport(t testing.TB, s vigil.Store, recs []vigil.Record) vigil.ImportResult {
	t.Helper()
	res, err := s.Import(admin(t), recs, vigil.ImportOptions{File: "fixture.ndjson"})
	if err != nil {
		t.Fatalf("import: %v (%v)", err, vigil.ErrorFields(err))
	}
	return res
}

// localFixture decodes one of this package's own testdata files.
func localFixture(t testing.TB, name string) []vigil.Record {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, probs, err := ndjson.Decode(f, catalogue.Default())
	if err != nil || len(probs) > 0 {
		t.Fatalf("fixture %s: %v %v", name, err, probs)
	}
	return recs
}

// raw opens the store's file directly, as someone with access to the disk
// but not to the key would.
func raw(t testing.TB, path string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite3", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	db.SetMaxOpenConns(1)
	t.Cleanup(func() { db.Close() })
	return db
}

func exec(t testing.TB, db *sql.DB, q string, args ...any) {
	t.Helper()
	res, err := db.Exec(q, args...)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		t.Fatalf("%s %v: changed no row", q, args)
	}
}

// logTables hold the log itself; every other table of ours is projection.
func logTables() []string {
	return []string{"events", "checkpoints", "meta", "goose_db_version"}
}

// tables lists the store's tables, by name.
func tables(t testing.TB, db *sql.DB) []string {
	t.Helper()
	rows, err := db.Query(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			t.Fatal(err)
		}
		out = append(out, n)
	}
	return out
}

// projectionTables lists the tables derived from the log.
func projectionTables(t testing.TB, db *sql.DB) []string {
	var out []string
	for _, n := range tables(t, db) {
		if !slices.Contains(logTables(), n) {
			out = append(out, n)
		}
	}
	return out
}

// primaryKey lists a table's primary key columns in key order.
func primaryKey(t testing.TB, db *sql.DB, table string) []string {
	t.Helper()
	rows, err := db.Query(`SELECT name, pk FROM pragma_table_info(?) WHERE pk > 0 ORDER BY pk`, table)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var n string
		var pk int
		if err := rows.Scan(&n, &pk); err != nil {
			t.Fatal(err)
		}
		out = append(out, n)
	}
	if len(out) == 0 {
		t.Fatalf("table %s has no primary key", table)
	}
	return out
}

// dump renders every row of a table, in key order, one line per row.
func dump(t testing.TB, db *sql.DB, table string) []string {
	t.Helper()
	rows, err := db.Query(`SELECT * FROM ` + table + ` ORDER BY ` + strings.Join(primaryKey(t, db, table), ", "))
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var out []string
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		b.WriteString(table)
		for i, c := range cols {
			if v, ok := vals[i].([]byte); ok {
				vals[i] = string(v)
			}
			fmt.Fprintf(&b, " %s=%q", c, fmt.Sprint(vals[i]))
		}
		out = append(out, b.String())
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// logEvent is one stored event, decoded.
type logEvent struct {
	eventlog.Event
	Envelope, Leaf, Payload []byte
}

// events reads the whole log.
func events(t testing.TB, db *sql.DB) []logEvent {
	t.Helper()
	rows, err := db.Query(`SELECT envelope, leaf, payload FROM events ORDER BY seq`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []logEvent
	for rows.Next() {
		var le logEvent
		if err := rows.Scan(&le.Envelope, &le.Leaf, &le.Payload); err != nil {
			t.Fatal(err)
		}
		e, err := eventlog.Decode(le.Envelope)
		if err != nil {
			t.Fatalf("decode envelope: %v", err)
		}
		le.Event = e
		out = append(out, le)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// meta reads one value of the meta table.
func meta(t testing.TB, db *sql.DB, key string) []byte {
	t.Helper()
	var v []byte
	if err := db.QueryRow(`SELECT value FROM meta WHERE key = ?`, key).Scan(&v); err != nil {
		t.Fatalf("meta %s: %v", key, err)
	}
	return v
}

// decideAndConsult records two decisions and two consultations, one of
// them naming two subjects, so that every table they project to has rows.
func decideAndConsult(t testing.TB, s vigil.Store) {
	t.Helper()
	for _, d := range []vigil.Decision{
		{ID: "DEC-CAT-2", Type: vigil.DecisionCatalogue, Rationale: "Board minute 14.", Body: json.RawMessage(`{"version":"2"}`)},
		{ID: "DEC-ALDER", Type: "priority.accept", Subject: "SUBJ-ALDER", Rationale: "Proposed rise accepted <after review> & minuted.",
			Body: json.RawMessage(`{"tier": "P1"}`), EffectiveAt: time.Date(2025, 3, 10, 9, 0, 0, 0, time.UTC)},
	} {
		if _, err := s.Decide(admin(t), d); err != nil {
			t.Fatalf("decide %s: %v", d.ID, err)
		}
	}
	for _, c := range []vigil.Consultation{
		{What: "board", Rows: 3, Query: map[string]string{"at": "2025-03-10T00:00:00Z"}},
		{What: "explain", Subjects: []string{"SUBJ-BRACKEN", "SUBJ-ALDER"}},
	} {
		if err := s.Consulted(admin(t), c); err != nil {
			t.Fatalf("consulted %+v: %v", c, err)
		}
	}
}
