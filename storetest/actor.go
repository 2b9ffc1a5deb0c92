package storetest

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/vigil-oss/vigil"
)

// testActor checks that every call names who makes it: a store that
// answered without an actor could not log who consulted what.
func testActor(t *testing.T, open func(*testing.T) vigil.Store) {
	calls := func(s vigil.Store, recs []vigil.Record) map[string]func(context.Context) error {
		item := vigil.Target{Type: vigil.KindItem, ID: "IT-001"}
		return map[string]func(context.Context) error{
			"Import": func(ctx context.Context) error {
				_, err := s.Import(ctx, recs, vigil.ImportOptions{})
				return err
			},
			"Source":        func(ctx context.Context) error { return second(s.Source(ctx, "SRC-HARBOUR")) },
			"Subject":       func(ctx context.Context) error { return second(s.Subject(ctx, "SUBJ-ALDER")) },
			"Investigation": func(ctx context.Context) error { return second(s.Investigation(ctx, "INV-LANTERN")) },
			"Item":          func(ctx context.Context) error { return second(s.Item(ctx, "IT-001")) },
			"Link":          func(ctx context.Context) error { return second(s.Link(ctx, "LNK-001")) },
			"Amendments":    func(ctx context.Context) error { return second(s.Amendments(ctx, item)) },
			"Retractions":   func(ctx context.Context) error { return second(s.Retractions(ctx, item)) },
			"Counts":        func(ctx context.Context) error { return second(s.Counts(ctx)) },
			"Verify": func(ctx context.Context) error {
				return second(s.Verify(ctx, vigil.VerifyOptions{}))
			},
			"Rebuild": func(ctx context.Context) error { return s.Rebuild(ctx) },
			"Decide": func(ctx context.Context) error {
				return second(s.Decide(ctx, catalogueDecision("DEC-1")))
			},
			"Decisions": func(ctx context.Context) error { return second(s.Decisions(ctx, vigil.DecisionCatalogue)) },
			"Consulted": func(ctx context.Context) error {
				return s.Consulted(ctx, vigil.Consultation{What: "board", Rows: 3})
			},
			"SizeAt": func(ctx context.Context) error { return second(s.SizeAt(ctx, endOfTime())) },
			"Feed": func(ctx context.Context) error {
				return second(s.Feed(ctx, 0, func(*vigil.Record) error { return nil }))
			},
		}
	}
	for _, tc := range []struct {
		name string
		ctx  func(t *testing.T) context.Context
	}{
		{"no actor in context", func(t *testing.T) context.Context { return t.Context() }},
		{"an actor without a name", func(t *testing.T) context.Context {
			return vigil.WithActor(t.Context(), vigil.Actor{Name: " ", Compartments: []string{vigil.AllCompartments}})
		}},
	} {
		t.Run(tc.name+" is refused by every method", func(t *testing.T) {
			s, admin := open(t), Context(t, vigil.AllCompartments)
			caseload := Fixture(t, "caseload.ndjson")
			importAll(t, s, admin, caseload)
			counts, size := allCounts(t, s, admin), logSize(t, s, admin)
			for name, call := range calls(s, Fixture(t, "followup.ndjson")) {
				wantCode(t, name, call(tc.ctx(t)), vigil.EUnauthorized)
			}
			if diff := cmp.Diff(counts, allCounts(t, s, admin)); diff != "" {
				t.Errorf("calls without an actor wrote (-before +after):\n%s", diff)
			}
			if n := logSize(t, s, admin); n != size {
				t.Errorf("calls without an actor wrote: log size %d, was %d", n, size)
			}
			if _, err := s.Item(admin, "IT-201"); vigil.ErrorCode(err) != vigil.ENotFound {
				t.Errorf("IT-201 after an import without an actor: %v, want not found", err)
			}
		})
	}
}
