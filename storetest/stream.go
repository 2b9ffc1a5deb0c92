package storetest

import (
	"errors"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/vigil-oss/vigil"
)

// chunks feeds recs one record per chunk, in the given order: the smallest
// chunks make every reference cross a chunk boundary.
func chunks(recs []vigil.Record) vigil.Records {
	return func(fn func([]vigil.Record, []vigil.FieldError) error) error {
		for i := range recs {
			if err := fn(recs[i:i+1], nil); err != nil {
				return err
			}
		}
		return nil
	}
}

func testStream(t *testing.T, open func(*testing.T) vigil.Store) {
	t.Run("references may point forward across chunks", func(t *testing.T) {
		s, ctx := open(t), Context(t, vigil.AllCompartments)
		recs := Fixture(t, "caseload.ndjson")
		reversed := slices.Clone(recs)
		slices.Reverse(reversed) // every reference now points forward
		res, err := s.ImportStream(ctx, chunks(reversed), vigil.ImportOptions{File: "caseload.ndjson (reversed)"})
		if err != nil {
			t.Fatalf("streamed import: %v", err)
		}
		if res.Total() != len(recs) {
			t.Errorf("wrote %d records, want %d", res.Total(), len(recs))
		}
		other := open(t)
		importAll(t, other, ctx, recs)
		if diff := cmp.Diff(readAll(t, other, ctx, recs), readAll(t, s, ctx, recs)); diff != "" {
			t.Errorf("streamed in reverse reads differently from a plain import (-plain +streamed):\n%s", diff)
		}
	})

	t.Run("a bad record in a late chunk undoes the chunks already written", func(t *testing.T) {
		s, ctx := open(t), Context(t, vigil.AllCompartments)
		recs := Fixture(t, "caseload.ndjson")
		bad := Fixture(t, "bad_refs.ndjson")
		before := allCounts(t, s, ctx)
		_, err := s.ImportStream(ctx, chunks(append(slices.Clone(recs), bad...)), vigil.ImportOptions{File: "caseload + bad"})
		wantCode(t, "import", err, vigil.EInvalid)
		if len(vigil.ErrorFields(err)) == 0 {
			t.Error("the error lists no problem")
		}
		if diff := cmp.Diff(before, allCounts(t, s, ctx)); diff != "" {
			t.Errorf("a rejected streamed import wrote (-before +after):\n%s", diff)
		}
	})

	t.Run("an input that fails to read writes nothing", func(t *testing.T) {
		s, ctx := open(t), Context(t, vigil.AllCompartments)
		recs := Fixture(t, "caseload.ndjson")
		broken := errors.New("disk unplugged")
		src := func(fn func([]vigil.Record, []vigil.FieldError) error) error {
			if err := fn(recs, nil); err != nil {
				return err
			}
			return broken
		}
		before := allCounts(t, s, ctx)
		if _, err := s.ImportStream(ctx, src, vigil.ImportOptions{File: "broken"}); err == nil || !errors.Is(err, broken) {
			t.Fatalf("import of a broken input: %v, want an error wrapping %v", err, broken)
		}
		if diff := cmp.Diff(before, allCounts(t, s, ctx)); diff != "" {
			t.Errorf("a failed read wrote (-before +after):\n%s", diff)
		}
	})
}
