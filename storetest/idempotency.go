package storetest

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/vigil-oss/vigil"
)

func testIdempotency(t *testing.T, open func(*testing.T) vigil.Store) {
	// noop imports recs on top of the caseload and checks that nothing
	// changed: every record unchanged, none added or rejected, every read
	// and count as before.
	noop := func(t *testing.T, name string) {
		s, ctx := open(t), Context(t, vigil.AllCompartments)
		caseload := Fixture(t, "caseload.ndjson")
		importAll(t, s, ctx, caseload)
		before := readAll(t, s, ctx, caseload)
		counts := recordCounts(t, s, ctx)

		recs := Fixture(t, name)
		res := importAll(t, s, ctx, recs)
		if len(added(res)) != 0 || res.Total() != 0 {
			t.Errorf("Added %v, want nothing", res.Added)
		}
		if res.Unchanged != len(recs) {
			t.Errorf("Unchanged %d, want %d (every record)", res.Unchanged, len(recs))
		}
		if diff := cmp.Diff(before, readAll(t, s, ctx, caseload)); diff != "" {
			t.Errorf("reads changed (-before +after):\n%s", diff)
		}
		if diff := cmp.Diff(counts, recordCounts(t, s, ctx)); diff != "" {
			t.Errorf("counts changed (-before +after):\n%s", diff)
		}
	}
	t.Run("re-importing the same file is a no-op", func(t *testing.T) {
		noop(t, "caseload.ndjson")
	})
	t.Run("a record differing only in time zone, list order or absent-vs-null is a no-op", func(t *testing.T) {
		noop(t, "caseload_equivalent.ndjson")
	})

	t.Run("the same id with different content is invalid", func(t *testing.T) {
		s, ctx := open(t), Context(t, vigil.AllCompartments)
		importAll(t, s, ctx, Fixture(t, "caseload.ndjson"))
		counts := allCounts(t, s, ctx)
		recs := Fixture(t, "conflict.ndjson")
		_, err := s.Import(ctx, recs, vigil.ImportOptions{File: "conflict.ndjson"})
		wantCode(t, "import", err, vigil.EInvalid)
		wantProblems(t, vigil.ErrorFields(err), []located{
			{lineOf(t, recs, vigil.KindSubject, "SUBJ-BRACKEN"), "id"},
			{lineOf(t, recs, vigil.KindItem, "IT-004"), "id"},
		})
		if diff := cmp.Diff(counts, allCounts(t, s, ctx)); diff != "" {
			t.Errorf("a rejected import wrote (-before +after):\n%s", diff)
		}
		sub, err := s.Subject(ctx, "SUBJ-BRACKEN")
		if err != nil || sub.Status != vigil.StatusMonitored {
			t.Errorf("SUBJ-BRACKEN = %+v, %v; want it as first imported (monitored)", sub, err)
		}
	})

	t.Run("the same id twice in one input with different content is invalid", func(t *testing.T) {
		s, ctx := open(t), Context(t, vigil.AllCompartments)
		counts := allCounts(t, s, ctx)
		recs := Fixture(t, "repeated_id.ndjson")
		_, err := s.Import(ctx, recs, vigil.ImportOptions{File: "repeated_id.ndjson"})
		wantCode(t, "import", err, vigil.EInvalid)
		// The first occurrence stands; the second is the error.
		wantProblems(t, vigil.ErrorFields(err), []located{{recs[2].Line, "id"}})
		if diff := cmp.Diff(counts, allCounts(t, s, ctx)); diff != "" {
			t.Errorf("a rejected import wrote (-before +after):\n%s", diff)
		}
	})

	t.Run("the same record twice in one input is written once", func(t *testing.T) {
		s, ctx := open(t), Context(t, vigil.AllCompartments)
		res := importAll(t, s, ctx, Fixture(t, "repeated_same.ndjson"))
		if diff := cmp.Diff(map[vigil.Kind]int{vigil.KindSubject: 1}, added(res)); diff != "" {
			t.Errorf("Added (-want +got):\n%s", diff)
		}
		if res.Unchanged != 1 {
			t.Errorf("Unchanged %d, want 1", res.Unchanged)
		}
	})
}
