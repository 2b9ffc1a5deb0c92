package storetest

import (
	"context"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/vigil-oss/vigil"
)

// The caseload puts SUBJ-CORVID, INV-SHADE and IT-003 in compartment OP-X;
// LNK-002 joins SUBJ-CORVID to a visible subject; IT-003 has an amendment
// and a retraction.
func testCompartments(t *testing.T, open func(*testing.T) vigil.Store) {
	setup := func(t *testing.T) vigil.Store {
		s := open(t)
		importAll(t, s, Context(t, vigil.AllCompartments), Fixture(t, "caseload.ndjson"))
		return s
	}
	hidden := func(ctx context.Context, s vigil.Store) map[string]error {
		return map[string]error{
			"subject SUBJ-CORVID":     second(s.Subject(ctx, "SUBJ-CORVID")),
			"investigation INV-SHADE": second(s.Investigation(ctx, "INV-SHADE")),
			"item IT-003":             second(s.Item(ctx, "IT-003")),
			"link LNK-002":            second(s.Link(ctx, "LNK-002")),
		}
	}

	t.Run("an actor without the compartment cannot read what is in it", func(t *testing.T) {
		s := setup(t)
		ctx := Context(t) // no compartments at all
		for what, err := range hidden(ctx, s) {
			wantCode(t, what, err, vigil.ENotFound)
		}
		// Hidden and missing must read alike: the actor may not learn which.
		_, errHidden := s.Item(ctx, "IT-003")
		_, errMissing := s.Item(ctx, "IT-999")
		if errHidden != nil && errMissing != nil {
			h := strings.ReplaceAll(errHidden.Error(), "IT-003", "ID")
			m := strings.ReplaceAll(errMissing.Error(), "IT-999", "ID")
			if h != m {
				t.Errorf("hidden item reads %q, missing item %q: they must not differ", h, m)
			}
		}
		// What is outside any compartment stays visible.
		for what, err := range map[string]error{
			"subject SUBJ-ALDER":        second(s.Subject(ctx, "SUBJ-ALDER")),
			"investigation INV-LANTERN": second(s.Investigation(ctx, "INV-LANTERN")),
			"item IT-001":               second(s.Item(ctx, "IT-001")),
			"link LNK-001":              second(s.Link(ctx, "LNK-001")),
			"source SRC-HOTLINE":        second(s.Source(ctx, "SRC-HOTLINE")),
		} {
			if err != nil {
				t.Errorf("%s: %v", what, err)
			}
		}
	})

	t.Run("counts exclude what the actor cannot see", func(t *testing.T) {
		s := setup(t)
		want := kinds(map[vigil.Kind]int{
			vigil.KindSource: 3, vigil.KindSubject: 2, vigil.KindInvestigation: 1, vigil.KindItem: 3,
			vigil.KindLink: 1, vigil.KindAmend: 2, vigil.KindRetract: 1,
		})
		if diff := cmp.Diff(want, recordCounts(t, s, Context(t))); diff != "" {
			t.Errorf("Counts for an actor without OP-X (-want +got):\n%s", diff)
		}
	})

	t.Run("amendments and retractions of a hidden record read as those of a missing one", func(t *testing.T) {
		s := setup(t)
		ctx := Context(t)
		for _, tc := range []struct {
			what           string
			hidden, absent func() reading
		}{
			{"amendments",
				func() reading { return read(s.Amendments(ctx, vigil.Target{Type: vigil.KindItem, ID: "IT-003"})) },
				func() reading { return read(s.Amendments(ctx, vigil.Target{Type: vigil.KindItem, ID: "IT-999"})) }},
			{"retractions",
				func() reading { return read(s.Retractions(ctx, vigil.Target{Type: vigil.KindItem, ID: "IT-003"})) },
				func() reading { return read(s.Retractions(ctx, vigil.Target{Type: vigil.KindItem, ID: "IT-999"})) }},
		} {
			if diff := cmp.Diff(tc.absent(), tc.hidden(), cmpEmpty()); diff != "" {
				t.Errorf("%s of hidden IT-003 differ from those of missing IT-999 (-missing +hidden):\n%s", tc.what, diff)
			}
		}
	})

	for _, c := range []string{"OP-X", vigil.AllCompartments} {
		t.Run("an actor holding "+c+" reads and counts everything", func(t *testing.T) {
			s := setup(t)
			ctx := Context(t, c)
			for what, err := range hidden(ctx, s) {
				if err != nil {
					t.Errorf("%s: %v", what, err)
				}
			}
			if diff := cmp.Diff(caseloadCounts(), recordCounts(t, s, ctx)); diff != "" {
				t.Errorf("Counts (-want +got):\n%s", diff)
			}
		})
	}

	t.Run("holding another compartment does not grant OP-X", func(t *testing.T) {
		s := setup(t)
		ctx := Context(t, "OP-Y")
		for what, err := range hidden(ctx, s) {
			wantCode(t, what, err, vigil.ENotFound)
		}
	})
}
