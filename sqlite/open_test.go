package sqlite_test

import (
	"bytes"
	"database/sql"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/vigil-oss/vigil"
	"github.com/vigil-oss/vigil/sqlite"
	"github.com/vigil-oss/vigil/storetest"
)

func TestOpenMissingStore(t *testing.T) {
	path := filepath.Join(t.TempDir(), "missing.db")
	s, err := sqlite.Open(t.Context(), path, sqlite.Options{})
	if err == nil {
		s.Close()
		t.Fatal("opened a store that does not exist")
	}
	var e *vigil.Error
	if !errors.As(err, &e) || e.Code != vigil.ENotFound || e.Message != "no store at "+path {
		t.Errorf("error %#v; want code %q, message %q", err, vigil.ENotFound, "no store at "+path)
	}
	for _, p := range []string{path, path + ".key", path + ".checkpoint"} {
		if _, err := os.Stat(p); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s: %v; opening without Create must create nothing", p, err)
		}
	}
}

func TestReopenKeepsRecords(t *testing.T) {
	s, path := create(t, sqlite.Options{})
	recs := storetest.Fixture(t, "caseload.ndjson")
	mustImport(t, s, recs)
	before, err := s.Counts(admin(t))
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	after, err := reopen(t, path).Counts(admin(t))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(before, after); diff != "" {
		t.Errorf("counts after reopening (-before +after):\n%s", diff)
	}
}

// TestKeyNotInStore: the signing key lives only in the key file, so that
// someone who can rewrite the store cannot re-sign it.
func TestKeyNotInStore(t *testing.T) {
	s, path := create(t, sqlite.Options{})
	mustImport(t, s, storetest.Fixture(t, "caseload.ndjson"))
	mustImport(t, s, storetest.Fixture(t, "followup.ndjson"))
	s.Close()

	key, err := os.ReadFile(path + ".key")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Fields(string(key))
	if len(lines) != 2 || !strings.HasPrefix(lines[0], "PRIVATE+KEY+") {
		t.Fatalf("key file: want a signer key line and a verifier key line, got %d lines", len(lines))
	}
	signer := lines[0]
	// The secret is the fifth field of "PRIVATE+KEY+name+hash+data"; look for
	// it alone too, in case a store kept it without the prefix. Split by count,
	// not at the last "+": base64 key data may itself contain "+".
	fields := strings.SplitN(signer, "+", 5)
	if len(fields) != 5 || len(fields[4]) < 40 {
		t.Fatalf("signer key %q: want PRIVATE+KEY+name+hash+data", fields[:min(len(fields), 3)])
	}
	secret := fields[4]
	needles := [][]byte{[]byte(signer), []byte(secret)}

	db := raw(t, path)
	for _, table := range tables(t, db) {
		for _, row := range dump(t, db, table) {
			for _, n := range needles {
				if bytes.Contains([]byte(row), n) {
					t.Errorf("table %s holds the signing key: %s", table, row)
				}
			}
		}
	}
	db.Close()
	for _, f := range []string{path, path + "-wal", path + ".checkpoint"} {
		b, err := os.ReadFile(f)
		if errors.Is(err, os.ErrNotExist) {
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		for _, n := range needles {
			if bytes.Contains(b, n) {
				t.Errorf("%s contains the signing key", f)
			}
		}
	}
}

// TestClock: the store takes its time from Options.Now, and one import
// records every event with one "now".
func TestClock(t *testing.T) {
	t.Run("recorded_at is the injected clock", func(t *testing.T) {
		now := time.Date(2031, 5, 6, 7, 8, 9, 123456789, time.FixedZone("UTC+2", 2*3600))
		s, path := create(t, sqlite.Options{Now: func() time.Time { return now }})
		res := mustImport(t, s, storetest.Fixture(t, "caseload.ndjson"))
		s.Close()
		if !res.Recorded.Equal(now) {
			t.Errorf("ImportResult.Recorded %v, want %v", res.Recorded, now)
		}
		evs := events(t, raw(t, path))
		if uint64(len(evs)) != res.Size {
			t.Fatalf("%d events, import says %d", len(evs), res.Size)
		}
		for _, e := range evs {
			if !e.RecordedAt.Equal(now) {
				t.Errorf("event %d (%s %s): recorded_at %v, want %v", e.Seq, e.Kind, e.ID, e.RecordedAt, now)
			}
			// Changes carry their own effective time; everything else takes
			// effect when recorded.
			if e.Kind != string(vigil.KindAmend) && e.Kind != string(vigil.KindRetract) && !e.EffectiveAt.Equal(now) {
				t.Errorf("event %d (%s %s): effective_at %v, want %v", e.Seq, e.Kind, e.ID, e.EffectiveAt, now)
			}
		}
	})

	t.Run("one import uses one now", func(t *testing.T) {
		// A clock that moves on every time it is read.
		tick := time.Date(2031, 1, 1, 0, 0, 0, 0, time.UTC)
		var handed []time.Time
		clock := func() time.Time {
			tick = tick.Add(time.Second)
			handed = append(handed, tick)
			return tick
		}
		s, path := create(t, sqlite.Options{Now: clock})
		first := mustImport(t, s, storetest.Fixture(t, "caseload.ndjson"))
		second := mustImport(t, s, storetest.Fixture(t, "followup.ndjson"))
		s.Close()
		if first.Recorded.Equal(second.Recorded) {
			t.Errorf("two imports recorded at the same moment %v with a moving clock", first.Recorded)
		}
		for _, res := range []vigil.ImportResult{first, second} {
			found := false
			for _, h := range handed {
				found = found || h.Equal(res.Recorded)
			}
			if !found {
				t.Errorf("import recorded at %v, which the clock never gave", res.Recorded)
			}
		}
		for _, e := range events(t, raw(t, path)) {
			want := first.Recorded
			if e.Seq >= second.FirstSeq {
				want = second.Recorded
			}
			if !e.RecordedAt.Equal(want) {
				t.Errorf("event %d: recorded_at %v, want its import's %v", e.Seq, e.RecordedAt, want)
			}
		}
	})
}

// TestRebuildTables: rebuilding the projection from the log gives back the
// same rows, byte for byte, in every projection table.
func TestRebuildTables(t *testing.T) {
	s, path := create(t, sqlite.Options{})
	mustImport(t, s, storetest.Fixture(t, "caseload.ndjson"))
	mustImport(t, s, storetest.Fixture(t, "followup.ndjson"))
	if _, err := s.Import(admin(t), storetest.Fixture(t, "partial.ndjson"), vigil.ImportOptions{Partial: true}); err != nil {
		t.Fatal(err)
	}
	decideAndConsult(t, s)
	snapshot := func(db *sql.DB) []string {
		var out []string
		for _, table := range projectionTables(t, db) {
			rows := dump(t, db, table)
			if len(rows) == 0 {
				t.Errorf("table %s is empty: the fixtures should exercise every table", table)
			}
			out = append(out, rows...)
		}
		return out
	}
	s.Close()
	db := raw(t, path)
	before := snapshot(db)
	db.Close()

	s = reopen(t, path)
	if err := s.Rebuild(admin(t)); err != nil {
		t.Fatalf("rebuild: %v", err)
	}
	s.Close()
	after := snapshot(raw(t, path))
	if diff := cmp.Diff(before, after); diff != "" {
		t.Errorf("projection changed by rebuild (-before +after):\n%s", diff)
	}
	if rep, err := reopen(t, path).Verify(admin(t), vigil.VerifyOptions{}); err != nil || !rep.OK {
		t.Errorf("verify after rebuild: %+v, %v", rep, err)
	}
}

// TestClockGoesBack: when the clock steps back (a corrected NTP drift, a
// restored VM), recorded times stay where the log left them, so that what
// was known at any moment is still a prefix of the log.
func TestClockGoesBack(t *testing.T) {
	later := time.Date(2031, 5, 6, 12, 0, 0, 0, time.UTC)
	earlier := later.Add(-time.Hour)
	now := later
	s, path := create(t, sqlite.Options{Now: func() time.Time { return now }})
	first := mustImport(t, s, storetest.Fixture(t, "caseload.ndjson"))
	now = earlier
	d, err := s.Decide(admin(t), vigil.Decision{ID: "DEC-1", Type: vigil.DecisionCatalogue, Rationale: "Minute 14.",
		Body: json.RawMessage(`{}`)})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Consulted(admin(t), vigil.Consultation{What: "board", Rows: 3}); err != nil {
		t.Fatal(err)
	}
	second := mustImport(t, s, storetest.Fixture(t, "followup.ndjson"))
	for what, at := range map[string]time.Time{"first import": first.Recorded, "decision": d.RecordedAt, "second import": second.Recorded} {
		if !at.Equal(later) {
			t.Errorf("%s recorded at %v, want %v (the log's last time, not the clock's)", what, at, later)
		}
	}
	if !d.EffectiveAt.Equal(later) {
		t.Errorf("decision effective at %v, want its recorded time %v", d.EffectiveAt, later)
	}
	for at, want := range map[time.Time]uint64{earlier: 0, later: second.Size} {
		if n, err := s.SizeAt(admin(t), at); err != nil || n != want {
			t.Errorf("SizeAt(%v) = %d, %v; want %d", at, n, err, want)
		}
	}
	s.Close()
	for _, e := range events(t, raw(t, path)) {
		if !e.RecordedAt.Equal(later) {
			t.Errorf("event %d (%s %s): recorded_at %v, want %v", e.Seq, e.Kind, e.ID, e.RecordedAt, later)
		}
	}
	if rep, err := reopen(t, path).Verify(admin(t), vigil.VerifyOptions{}); err != nil || !rep.OK {
		t.Errorf("verify: %+v, %v", rep, err)
	}
}

// TestReadOnlyOldSchema: a store made before the latest migration cannot
// be migrated when opened read-only (audit verify), so it is refused with
// what to do, not verified against tables it lacks.
func TestReadOnlyOldSchema(t *testing.T) {
	s, path := create(t, sqlite.Options{})
	mustImport(t, s, storetest.Fixture(t, "caseload.ndjson"))
	s.Close()
	// Undo migration 2 as goose would, leaving a version-1 store.
	db := raw(t, path)
	for _, q := range []string{`DROP TABLE consultation_subjects`, `DROP TABLE consultations`, `DROP TABLE decisions`,
		`DELETE FROM goose_db_version WHERE version_id = 2`} {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	db.Close()

	_, err := sqlite.Open(t.Context(), path, sqlite.Options{ReadOnly: true})
	if vigil.ErrorCode(err) != vigil.EUnavailable || !strings.Contains(err.Error(), "schema version 1") {
		t.Fatalf("read-only open of a version-1 store: %v; want %s naming schema version 1", err, vigil.EUnavailable)
	}
	reopen(t, path).Close() // a read-write open migrates
	ro, err := sqlite.Open(t.Context(), path, sqlite.Options{ReadOnly: true})
	if err != nil {
		t.Fatalf("read-only open after migrating: %v", err)
	}
	defer ro.Close()
	if rep, err := ro.Verify(admin(t), vigil.VerifyOptions{}); err != nil || !rep.OK {
		t.Errorf("verify after migrating: %+v, %v", rep, err)
	}
}
