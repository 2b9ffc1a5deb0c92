package storetest

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/vigil-oss/vigil"
)

// endOfTime is later than anything a store records: the log's whole size is
// SizeAt(endOfTime()).
func endOfTime() time.Time { return time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC) }

// logSize returns how many events the store's log holds.
func logSize(t testing.TB, s vigil.Store, ctx context.Context) uint64 {
	t.Helper()
	n, err := s.SizeAt(ctx, endOfTime())
	if err != nil {
		t.Fatalf("size at the end of time: %v", err)
	}
	return n
}

// catalogueDecision is a valid decision to load a catalogue version.
func catalogueDecision(id string) vigil.Decision {
	return vigil.Decision{ID: id, Type: vigil.DecisionCatalogue, Rationale: "Board minute 14: adopt catalogue v2.",
		Body: json.RawMessage(`{ "version": "2", "status": "uncalibrated" }`)}
}

// decide records d and fails the test on any error.
func decide(t testing.TB, s vigil.Store, ctx context.Context, d vigil.Decision) vigil.Decision {
	t.Helper()
	got, err := s.Decide(ctx, d)
	if err != nil {
		t.Fatalf("decide %s: %v (fields %v)", d.ID, err, vigil.ErrorFields(err))
	}
	return got
}

func decisions(t testing.TB, s vigil.Store, ctx context.Context, typ vigil.DecisionType) []vigil.Decision {
	t.Helper()
	ds, err := s.Decisions(ctx, typ)
	if err != nil {
		t.Fatalf("decisions of type %s: %v", typ, err)
	}
	return ds
}

func testDecide(t *testing.T, open func(*testing.T) vigil.Store) {
	t.Run("a decision is recorded with who decided, why and when", func(t *testing.T) {
		s, ctx := open(t), Context(t, vigil.AllCompartments)
		res := importAll(t, s, ctx, Fixture(t, "caseload.ndjson"))
		got := decide(t, s, ctx, catalogueDecision("DEC-1"))
		want := vigil.Decision{ID: "DEC-1", Type: vigil.DecisionCatalogue, Rationale: "Board minute 14: adopt catalogue v2.",
			Body: json.RawMessage(`{"version":"2","status":"uncalibrated"}`), // compacted, members in the order given
			Seq:  res.Size, Actor: "analyst.conformance", Purpose: "store conformance suite",
			// With no effective time, a decision takes effect when recorded.
			EffectiveAt: got.RecordedAt, RecordedAt: got.RecordedAt}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("Decide returned (-want +got):\n%s", diff)
		}
		if got.RecordedAt.Before(res.Recorded) {
			t.Errorf("decision recorded at %v, before the import before it (%v)", got.RecordedAt, res.Recorded)
		}
		if got.RecordedAt.Location() != time.UTC || got.EffectiveAt.Location() != time.UTC {
			t.Errorf("times %v, %v: want UTC", got.RecordedAt, got.EffectiveAt)
		}
		if diff := cmp.Diff([]vigil.Decision{got}, decisions(t, s, ctx, vigil.DecisionCatalogue)); diff != "" {
			t.Errorf("Decisions (-want +got):\n%s", diff)
		}
		if n := logSize(t, s, ctx); n != res.Size+1 {
			t.Errorf("log size %d after one decision, want %d", n, res.Size+1)
		}
	})

	t.Run("a decision keeps the effective time it was given, in UTC", func(t *testing.T) {
		s, ctx := open(t), Context(t, vigil.AllCompartments)
		d := catalogueDecision("DEC-1")
		d.EffectiveAt = time.Date(2025, 1, 1, 1, 0, 0, 0, time.FixedZone("CET", 3600))
		got := decide(t, s, ctx, d)
		if !got.EffectiveAt.Equal(d.EffectiveAt) || got.EffectiveAt.Location() != time.UTC {
			t.Errorf("effective at %v, want %v in UTC", got.EffectiveAt, d.EffectiveAt.UTC())
		}
	})

	t.Run("re-recording an identical decision is a no-op", func(t *testing.T) {
		s, ctx := open(t), Context(t, vigil.AllCompartments)
		first := decide(t, s, ctx, catalogueDecision("DEC-1"))
		size := logSize(t, s, ctx)
		same := catalogueDecision("DEC-1")
		same.Body = json.RawMessage(`{"version":"2",  "status":"uncalibrated"}`) // the same once compacted
		explicit := same
		explicit.EffectiveAt = first.EffectiveAt
		for name, d := range map[string]vigil.Decision{"with no effective time": same, "with the stored effective time": explicit} {
			got := decide(t, s, ctx, d)
			if diff := cmp.Diff(first, got); diff != "" {
				t.Errorf("%s: Decide returned (-first +again):\n%s", name, diff)
			}
		}
		if n := logSize(t, s, ctx); n != size {
			t.Errorf("log size %d after re-recording, want %d (unchanged)", n, size)
		}
		if diff := cmp.Diff([]vigil.Decision{first}, decisions(t, s, ctx, vigil.DecisionCatalogue)); diff != "" {
			t.Errorf("Decisions (-want +got):\n%s", diff)
		}
	})

	t.Run("the same id with other content is a conflict naming the id", func(t *testing.T) {
		s, ctx := open(t), Context(t, vigil.AllCompartments)
		first := decide(t, s, ctx, catalogueDecision("DEC-1"))
		size := logSize(t, s, ctx)
		changes := map[string]func(*vigil.Decision){
			"rationale":      func(d *vigil.Decision) { d.Rationale = "Another reason." },
			"body":           func(d *vigil.Decision) { d.Body = json.RawMessage(`{"version":"3"}`) },
			"subject":        func(d *vigil.Decision) { d.Subject = "SUBJ-ALDER" },
			"type":           func(d *vigil.Decision) { d.Type = "priority.accept" },
			"effective time": func(d *vigil.Decision) { d.EffectiveAt = first.EffectiveAt.Add(-time.Hour) },
		}
		for name, change := range changes {
			d := catalogueDecision("DEC-1")
			change(&d)
			_, err := s.Decide(ctx, d)
			wantCode(t, "other "+name, err, vigil.EConflict)
			if err != nil && !strings.Contains(err.Error(), "DEC-1") {
				t.Errorf("other %s: error %q does not name the decision", name, err)
			}
		}
		if n := logSize(t, s, ctx); n != size {
			t.Errorf("log size %d after refused decisions, want %d", n, size)
		}
		if diff := cmp.Diff([]vigil.Decision{first}, decisions(t, s, ctx, vigil.DecisionCatalogue)); diff != "" {
			t.Errorf("Decisions (-want +got):\n%s", diff)
		}
	})

	t.Run("an invalid decision is refused naming the field", func(t *testing.T) {
		s, ctx := open(t), Context(t, vigil.AllCompartments)
		size := logSize(t, s, ctx)
		for field, change := range map[string]func(*vigil.Decision){
			"id":        func(d *vigil.Decision) { d.ID = " " },
			"type":      func(d *vigil.Decision) { d.Type = "Catalogue Load" },
			"rationale": func(d *vigil.Decision) { d.Rationale = "" },
			"body":      func(d *vigil.Decision) { d.Body = json.RawMessage(`["not","an","object"]`) },
		} {
			d := catalogueDecision("DEC-1")
			change(&d)
			_, err := s.Decide(ctx, d)
			wantCode(t, field, err, vigil.EInvalid)
			if fields := vigil.ErrorFields(err); !slices.ContainsFunc(fields, func(f vigil.FieldError) bool { return f.Field == field }) {
				t.Errorf("bad %s: fields %v, want one naming %q", field, fields, field)
			}
		}
		// What the log itself cannot hold is the caller's error too.
		d := catalogueDecision("DEC-\n1")
		_, err := s.Decide(ctx, d)
		wantCode(t, "control character in the id", err, vigil.EInvalid)
		if fields := vigil.ErrorFields(err); len(fields) != 1 || fields[0].Field != "id" {
			t.Errorf("control character in the id: fields %v, want one naming id", fields)
		}
		if n := logSize(t, s, ctx); n != size {
			t.Errorf("log size %d after invalid decisions, want %d", n, size)
		}
	})

	t.Run("decisions of a type come in log order", func(t *testing.T) {
		s, ctx := open(t), Context(t, vigil.AllCompartments)
		importAll(t, s, ctx, Fixture(t, "caseload.ndjson"))
		a := decide(t, s, ctx, catalogueDecision("DEC-B"))
		b := decide(t, s, ctx, vigil.Decision{ID: "DEC-C", Type: "priority.accept", Subject: "SUBJ-ALDER",
			Rationale: "Board accepted the proposed rise.", Body: json.RawMessage(`{"tier":"P1"}`)})
		c := decide(t, s, ctx, catalogueDecision("DEC-A")) // an id sorting first, recorded last
		if diff := cmp.Diff([]vigil.Decision{a, c}, decisions(t, s, ctx, vigil.DecisionCatalogue)); diff != "" {
			t.Errorf("catalogue decisions (-want +got):\n%s", diff)
		}
		if diff := cmp.Diff([]vigil.Decision{b}, decisions(t, s, ctx, "priority.accept")); diff != "" {
			t.Errorf("priority decisions (-want +got):\n%s", diff)
		}
		if ds := decisions(t, s, ctx, "no.such_type"); len(ds) != 0 {
			t.Errorf("decisions of an unused type: %v, want none", ds)
		}
		if !(a.Seq < b.Seq && b.Seq < c.Seq) {
			t.Errorf("seqs %d, %d, %d: want increasing", a.Seq, b.Seq, c.Seq)
		}
	})

	t.Run("a decision about a hidden subject is hidden with it", func(t *testing.T) {
		s, admin := open(t), Context(t, vigil.AllCompartments)
		importAll(t, s, admin, Fixture(t, "caseload.ndjson"))
		d := decide(t, s, admin, vigil.Decision{ID: "DEC-1", Type: "priority.accept", Subject: "SUBJ-CORVID",
			Rationale: "Closed after review.", Body: json.RawMessage(`{}`)})
		if diff := cmp.Diff([]vigil.Decision{d}, decisions(t, s, Context(t, "OP-X"), "priority.accept")); diff != "" {
			t.Errorf("with the compartment (-want +got):\n%s", diff)
		}
		if ds := decisions(t, s, Context(t), "priority.accept"); len(ds) != 0 {
			t.Errorf("without the compartment: %v, want none", ds)
		}
	})
}

func testConsulted(t *testing.T, open func(*testing.T) vigil.Store) {
	t.Run("a consultation is one event in the log", func(t *testing.T) {
		s, ctx := open(t), Context(t, vigil.AllCompartments)
		res := importAll(t, s, ctx, Fixture(t, "caseload.ndjson"))
		for _, c := range []vigil.Consultation{
			{What: "board", Rows: 3, Query: map[string]string{"at": "2025-03-10T00:00:00Z", "status": "priority"}},
			{What: "explain", Subjects: []string{"SUBJ-ALDER"}},
			{What: "alerts", Subjects: []string{"SUBJ-BRACKEN", "SUBJ-ALDER", "SUBJ-BRACKEN"}, Rows: 2},
		} {
			if err := s.Consulted(ctx, c); err != nil {
				t.Fatalf("consulted %+v: %v", c, err)
			}
		}
		if n := logSize(t, s, ctx); n != res.Size+3 {
			t.Errorf("log size %d after three consultations, want %d", n, res.Size+3)
		}
		if diff := cmp.Diff(caseloadCounts(), recordCounts(t, s, ctx)); diff != "" {
			t.Errorf("consultations changed the records (-want +got):\n%s", diff)
		}
	})

	t.Run("a consultation must say what was read", func(t *testing.T) {
		s, ctx := open(t), Context(t, vigil.AllCompartments)
		for field, c := range map[string]vigil.Consultation{
			"what":        {What: " ", Rows: 1},
			"rows":        {What: "board", Rows: -1},
			"subjects[1]": {What: "explain", Subjects: []string{"SUBJ-ALDER", ""}},
		} {
			err := s.Consulted(ctx, c)
			wantCode(t, field, err, vigil.EInvalid)
			if fields := vigil.ErrorFields(err); len(fields) != 1 || fields[0].Field != field {
				t.Errorf("bad %s: fields %v, want one naming %s", field, fields, field)
			}
		}
		if n := logSize(t, s, ctx); n != 0 {
			t.Errorf("log size %d after refused consultations, want 0", n)
		}
	})
}
