package storetest

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/vigil-oss/vigil"
)

func testRejection(t *testing.T, open func(*testing.T) vigil.Store) {
	t.Run("one bad reference writes nothing and every bad line is listed", func(t *testing.T) {
		s, ctx := open(t), Context(t, vigil.AllCompartments)
		caseload := Fixture(t, "caseload.ndjson")
		importAll(t, s, ctx, caseload)
		counts := allCounts(t, s, ctx)
		before := readAll(t, s, ctx, caseload)

		recs := Fixture(t, "bad_refs.ndjson")
		res, err := s.Import(ctx, recs, vigil.ImportOptions{File: "bad_refs.ndjson"})
		wantCode(t, "import", err, vigil.EInvalid)
		if res.Total() != 0 {
			t.Errorf("Added %v, want nothing", res.Added)
		}
		wantProblems(t, vigil.ErrorFields(err), []located{
			{lineOf(t, recs, vigil.KindItem, "IT-301"), "source"},
			{lineOf(t, recs, vigil.KindItem, "IT-302"), "subjects[1].id"}, // the second entry as written
			{lineOf(t, recs, vigil.KindLink, "LNK-301"), "to"},
			{lineOf(t, recs, vigil.KindAmend, "IT-NOWHERE"), "target.id"},
		})
		if diff := cmp.Diff(counts, allCounts(t, s, ctx)); diff != "" {
			t.Errorf("a rejected import wrote (-before +after):\n%s", diff)
		}
		if diff := cmp.Diff(before, readAll(t, s, ctx, caseload)); diff != "" {
			t.Errorf("a rejected import changed reads (-before +after):\n%s", diff)
		}
		// The good lines of the input were not written either.
		wantCode(t, "subject SUBJ-EIDER", second(s.Subject(ctx, "SUBJ-EIDER")), vigil.ENotFound)
		wantCode(t, "investigation INV-301", second(s.Investigation(ctx, "INV-301")), vigil.ENotFound)
	})

	t.Run("partial writes the good records and rejects the bad and those that refer to them", func(t *testing.T) {
		s, ctx := open(t), Context(t, vigil.AllCompartments)
		recs := Fixture(t, "partial.ndjson")
		res, err := s.Import(ctx, recs, vigil.ImportOptions{File: "partial.ndjson", Partial: true})
		if err != nil {
			t.Fatalf("partial import: %v", err)
		}
		wantProblems(t, res.Rejected, []located{
			// Listed before the item it depends on, which depends on the bad one.
			{lineOf(t, recs, vigil.KindLink, "LNK-101"), "item"},
			{lineOf(t, recs, vigil.KindItem, "IT-101"), "source"},
			{lineOf(t, recs, vigil.KindItem, "IT-102"), "derived_from[0]"},
			{lineOf(t, recs, vigil.KindAmend, "IT-101"), "target.id"},
		})
		want := map[vigil.Kind]int{vigil.KindSource: 1, vigil.KindSubject: 2, vigil.KindItem: 1}
		if diff := cmp.Diff(want, added(res)); diff != "" {
			t.Errorf("Added (-want +got):\n%s", diff)
		}
		if diff := cmp.Diff(kinds(want), recordCounts(t, s, ctx)); diff != "" {
			t.Errorf("Counts (-want +got):\n%s", diff)
		}
		for _, id := range []string{"IT-101", "IT-102"} {
			wantCode(t, "rejected item "+id, second(s.Item(ctx, id)), vigil.ENotFound)
		}
		wantCode(t, "rejected link LNK-101", second(s.Link(ctx, "LNK-101")), vigil.ENotFound)
		if a, err := s.Amendments(ctx, vigil.Target{Type: vigil.KindItem, ID: "IT-101"}); err != nil || len(a) != 0 {
			t.Errorf("amendments of the rejected IT-101 = %v, %v; want none", a, err)
		}
		if _, err := s.Item(ctx, "IT-103"); err != nil {
			t.Errorf("good item IT-103: %v", err)
		}
		// Every input line is accounted for exactly once.
		lines := map[int]bool{}
		for _, p := range res.Rejected {
			lines[p.Line] = true
		}
		if got := res.Total() + res.Unchanged + len(lines); got != len(recs) {
			t.Errorf("added %d + unchanged %d + rejected lines %d = %d, want %d records", res.Total(), res.Unchanged, len(lines), got, len(recs))
		}
		// Importing the same file again: the written records are no-ops, the
		// bad ones are rejected again.
		again, err := s.Import(ctx, recs, vigil.ImportOptions{Partial: true})
		if err != nil {
			t.Fatalf("second partial import: %v", err)
		}
		if again.Total() != 0 || again.Unchanged != res.Total() {
			t.Errorf("again: Added %v, Unchanged %d; want nothing added and %d unchanged", again.Added, again.Unchanged, res.Total())
		}
		if diff := cmp.Diff(locations(res.Rejected), locations(again.Rejected)); diff != "" {
			t.Errorf("again: rejected (-first +second):\n%s", diff)
		}
	})

	t.Run("partial rejects a repeat of a rejected record", func(t *testing.T) {
		// The same bad record twice: neither line is written, so neither
		// may be counted as unchanged ("already present").
		s, ctx := open(t), Context(t, vigil.AllCompartments)
		recs := Fixture(t, "partial.ndjson")
		var bad vigil.Record
		for _, r := range recs {
			if r.ID == "IT-101" {
				bad = r
			}
		}
		bad.Line = len(recs) + 1
		recs = append(recs, bad)
		res, err := s.Import(ctx, recs, vigil.ImportOptions{Partial: true})
		if err != nil {
			t.Fatalf("partial import: %v", err)
		}
		if res.Unchanged != 0 {
			t.Errorf("Unchanged %d, want 0: nothing was already present", res.Unchanged)
		}
		found := false
		for _, p := range res.Rejected {
			found = found || p.Line == bad.Line
		}
		if !found {
			t.Errorf("line %d (a repeat of rejected line %d) not in Rejected %v", bad.Line, lineOf(t, recs, vigil.KindItem, "IT-101"), res.Rejected)
		}
	})

	t.Run("partial with only good records writes them all", func(t *testing.T) {
		s, ctx := open(t), Context(t, vigil.AllCompartments)
		res, err := s.Import(ctx, Fixture(t, "caseload.ndjson"), vigil.ImportOptions{Partial: true})
		if err != nil || len(res.Rejected) != 0 {
			t.Fatalf("import: %v, rejected %v", err, res.Rejected)
		}
		if diff := cmp.Diff(caseloadCounts(), recordCounts(t, s, ctx)); diff != "" {
			t.Errorf("Counts (-want +got):\n%s", diff)
		}
	})
}
