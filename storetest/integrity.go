package storetest

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/vigil-oss/vigil"
)

func testIntegrity(t *testing.T, open func(*testing.T) vigil.Store) {
	verify := func(t *testing.T, s vigil.Store) vigil.VerifyReport {
		t.Helper()
		rep, err := s.Verify(Context(t, vigil.AllCompartments), vigil.VerifyOptions{})
		if err != nil {
			t.Fatalf("verify: %v", err)
		}
		if !rep.OK || rep.Failure != "" {
			t.Errorf("verify: OK %v, failure %q; want OK", rep.OK, rep.Failure)
		}
		return rep
	}

	t.Run("an empty store verifies", func(t *testing.T) {
		verify(t, open(t))
	})

	t.Run("verify passes after imports", func(t *testing.T) {
		s, ctx := open(t), Context(t, vigil.AllCompartments)
		first := importAll(t, s, ctx, Fixture(t, "caseload.ndjson"))
		rep := verify(t, s)
		if rep.Events != first.Size {
			t.Errorf("verified %d events, the import left %d", rep.Events, first.Size)
		}
		follow := importAll(t, s, ctx, Fixture(t, "followup.ndjson"))
		if follow.FirstSeq != first.Size {
			t.Errorf("second import starts at event %d, want %d (the log size after the first)", follow.FirstSeq, first.Size)
		}
		rep = verify(t, s)
		if rep.Events != follow.Size || rep.Checkpoint != follow.Size || rep.Outside != follow.Size {
			t.Errorf("verified %d events, checkpoints %d in store and %d outside; want all %d", rep.Events, rep.Checkpoint, rep.Outside, follow.Size)
		}
		// A partial import with rejections and a no-op import are recorded
		// and verify too.
		if _, err := s.Import(ctx, Fixture(t, "partial.ndjson"), vigil.ImportOptions{Partial: true}); err != nil {
			t.Fatal(err)
		}
		importAll(t, s, ctx, Fixture(t, "caseload.ndjson"))
		verify(t, s)
	})

	t.Run("rebuild leaves every read and verify unchanged", func(t *testing.T) {
		s := open(t)
		inputs := [][]vigil.Record{Fixture(t, "caseload.ndjson"), Fixture(t, "followup.ndjson")}
		admin := Context(t, vigil.AllCompartments)
		for _, recs := range inputs {
			importAll(t, s, admin, recs)
		}
		if _, err := s.Import(admin, Fixture(t, "partial.ndjson"), vigil.ImportOptions{Partial: true}); err != nil {
			t.Fatal(err)
		}
		inputs = append(inputs, Fixture(t, "partial.ndjson"))
		restricted := Context(t)
		beforeAll, beforeSome := readAll(t, s, admin, inputs...), readAll(t, s, restricted, inputs...)
		beforeVerify := verify(t, s)

		if err := s.Rebuild(admin); err != nil {
			t.Fatalf("rebuild: %v", err)
		}
		if diff := cmp.Diff(beforeAll, readAll(t, s, admin, inputs...)); diff != "" {
			t.Errorf("reads changed by rebuild (-before +after):\n%s", diff)
		}
		if diff := cmp.Diff(beforeSome, readAll(t, s, restricted, inputs...)); diff != "" {
			t.Errorf("reads without compartments changed by rebuild (-before +after):\n%s", diff)
		}
		if diff := cmp.Diff(beforeVerify, verify(t, s)); diff != "" {
			t.Errorf("verify report changed by rebuild (-before +after):\n%s", diff)
		}
		// A rebuild twice over is still the same.
		if err := s.Rebuild(admin); err != nil {
			t.Fatalf("second rebuild: %v", err)
		}
		if diff := cmp.Diff(beforeAll, readAll(t, s, admin, inputs...)); diff != "" {
			t.Errorf("reads changed by a second rebuild (-before +after):\n%s", diff)
		}
	})
}
