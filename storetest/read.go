package storetest

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/vigil-oss/vigil"
)

// cmpEmpty lets a store return nil or an empty list alike: the suite asks
// what a store holds, not how Go spells "nothing".
func cmpEmpty() cmp.Option { return cmpopts.EquateEmpty() }

// at parses an RFC 3339 time for expectations written by hand.
func at(t testing.TB, s string) time.Time {
	t.Helper()
	v, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatalf("bad time in test: %v", err)
	}
	return v
}

// importAll imports recs and fails the test on any error or rejection.
func importAll(t testing.TB, s vigil.Store, ctx context.Context, recs []vigil.Record) vigil.ImportResult {
	t.Helper()
	res, err := s.Import(ctx, recs, vigil.ImportOptions{File: "fixture.ndjson"})
	if err != nil {
		t.Fatalf("import: %v (fields %v)", err, vigil.ErrorFields(err))
	}
	if len(res.Rejected) > 0 {
		t.Fatalf("import rejected %v", res.Rejected)
	}
	return res
}

// added returns the non-zero entries of an import's Added, so that a store
// may leave out kinds it wrote none of.
func added(res vigil.ImportResult) map[vigil.Kind]int {
	out := map[vigil.Kind]int{}
	for k, n := range res.Added {
		if n != 0 {
			out[k] = n
		}
	}
	return out
}

// recordCounts returns Counts restricted to the seven record kinds; other
// kinds a store counts (such as imports) are its own business.
func recordCounts(t testing.TB, s vigil.Store, ctx context.Context) map[vigil.Kind]int {
	t.Helper()
	all, err := s.Counts(ctx)
	if err != nil {
		t.Fatalf("counts: %v", err)
	}
	out := map[vigil.Kind]int{}
	for _, k := range vigil.RecordKinds() {
		out[k] = all[k]
	}
	return out
}

// allCounts returns every count the store reports.
func allCounts(t testing.TB, s vigil.Store, ctx context.Context) map[vigil.Kind]int {
	t.Helper()
	all, err := s.Counts(ctx)
	if err != nil {
		t.Fatalf("counts: %v", err)
	}
	return all
}

// wantCode checks err's vigil code.
func wantCode(t testing.TB, what string, err error, want vigil.Code) {
	t.Helper()
	if got := vigil.ErrorCode(err); got != want {
		t.Errorf("%s: error code %q (%v), want %q", what, got, err, want)
	}
}

// reading is the outcome of one read: its value or its error code.
type reading struct {
	Value any
	Code  vigil.Code
}

func read[T any](v T, err error) reading {
	if err != nil {
		return reading{Code: vigil.ErrorCode(err)}
	}
	return reading{Value: v}
}

// readAll reads every record the inputs name — each record by its id, and
// the amendments and retractions of every target — and the counts, keyed
// for cmp.Diff. Ids that are missing or hidden read as their error code.
func readAll(t testing.TB, s vigil.Store, ctx context.Context, inputs ...[]vigil.Record) map[string]reading {
	t.Helper()
	out := map[string]reading{}
	for _, recs := range inputs {
		for _, r := range recs {
			key := fmt.Sprintf("%s %s", r.Kind, r.ID)
			switch r.Kind {
			case vigil.KindSource:
				out[key] = read(s.Source(ctx, r.ID))
			case vigil.KindSubject:
				out[key] = read(s.Subject(ctx, r.ID))
			case vigil.KindInvestigation:
				out[key] = read(s.Investigation(ctx, r.ID))
			case vigil.KindItem:
				out[key] = read(s.Item(ctx, r.ID))
			case vigil.KindLink:
				out[key] = read(s.Link(ctx, r.ID))
			case vigil.KindAmend, vigil.KindRetract:
				tg := targetOf(r)
				out[fmt.Sprintf("amendments of %s %s", tg.Type, tg.ID)] = read(s.Amendments(ctx, tg))
				out[fmt.Sprintf("retractions of %s %s", tg.Type, tg.ID)] = read(s.Retractions(ctx, tg))
			}
		}
	}
	out["counts"] = reading{Value: recordCounts(t, s, ctx)}
	return out
}

func targetOf(r vigil.Record) vigil.Target {
	if r.Amendment != nil {
		return r.Amendment.Target
	}
	return r.Retraction.Target
}

// lineOf returns the line of the record of kind k with id (for amend and
// retract: the first one whose target has that id).
func lineOf(t testing.TB, recs []vigil.Record, k vigil.Kind, id string) int {
	t.Helper()
	for _, r := range recs {
		if r.Kind != k {
			continue
		}
		if r.ID == id || ((k == vigil.KindAmend || k == vigil.KindRetract) && targetOf(r).ID == id) {
			return r.Line
		}
	}
	t.Fatalf("no %s %s in the fixture", k, id)
	return 0
}

// located is where a problem was reported: the part of a FieldError a
// store must get exactly right (reasons are free text).
type located struct {
	Line  int
	Field string
}

func locations(errs []vigil.FieldError) []located {
	out := make([]located, 0, len(errs))
	for _, e := range errs {
		out = append(out, located{e.Line, e.Field})
	}
	slices.SortFunc(out, func(a, b located) int {
		if a.Line != b.Line {
			return a.Line - b.Line
		}
		if a.Field < b.Field {
			return -1
		}
		if a.Field > b.Field {
			return 1
		}
		return 0
	})
	return out
}

// wantProblems checks that errs are exactly the problems want, each with a
// reason and in the brief's form "line N: field F: reason".
func wantProblems(t testing.TB, errs []vigil.FieldError, want []located) {
	t.Helper()
	if diff := cmp.Diff(want, locations(errs)); diff != "" {
		t.Errorf("problems (-want +got):\n%s\ngot: %v", diff, errs)
	}
	for _, e := range errs {
		prefix := fmt.Sprintf("line %d: field %s: ", e.Line, e.Field)
		if e.Field == "" {
			prefix = fmt.Sprintf("line %d: ", e.Line)
		}
		if got := e.String(); len(got) <= len(prefix) || got[:len(prefix)] != prefix || e.Reason == "" {
			t.Errorf("problem %q: want the form %q followed by a reason", got, prefix+"…")
		}
	}
}

// kinds builds a count map from pairs, for expectations written by hand.
func kinds(pairs map[vigil.Kind]int) map[vigil.Kind]int {
	out := maps.Clone(pairs)
	for _, k := range vigil.RecordKinds() {
		if _, ok := out[k]; !ok {
			out[k] = 0
		}
	}
	return out
}
