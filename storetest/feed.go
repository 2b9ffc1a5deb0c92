package storetest

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/vigil-oss/vigil"
	"github.com/vigil-oss/vigil/grade"
)

// commit is one write as its caller saw it: when it was recorded and the
// log's size after it.
type commit struct {
	at   time.Time
	size uint64
}

// sizeAt is what SizeAt must answer given the commits so far: the size
// after the last commit recorded at or before t. (Two commits may share a
// time on a coarse clock; then both count.)
func sizeAt(commits []commit, t time.Time) uint64 {
	var n uint64
	for _, c := range commits {
		if !c.at.After(t) {
			n = max(n, c.size)
		}
	}
	return n
}

func testSizeAt(t *testing.T, open func(*testing.T) vigil.Store) {
	t.Run("an empty log has size 0 at any time", func(t *testing.T) {
		s, ctx := open(t), Context(t, vigil.AllCompartments)
		for _, at := range []time.Time{{}, time.Now(), endOfTime()} {
			if n, err := s.SizeAt(ctx, at); err != nil || n != 0 {
				t.Errorf("SizeAt(%v) = %d, %v; want 0", at, n, err)
			}
		}
	})

	t.Run("the size at a time counts the events recorded by then", func(t *testing.T) {
		s, ctx := open(t), Context(t, vigil.AllCompartments)
		r1 := importAll(t, s, ctx, Fixture(t, "caseload.ndjson"))
		r2 := importAll(t, s, ctx, Fixture(t, "followup.ndjson"))
		d := decide(t, s, ctx, catalogueDecision("DEC-1"))
		commits := []commit{{r1.Recorded, r1.Size}, {r2.Recorded, r2.Size}, {d.RecordedAt, d.Seq + 1}}
		check := func(name string, at time.Time) {
			t.Helper()
			want := sizeAt(commits, at)
			if got, err := s.SizeAt(ctx, at); err != nil || got != want {
				t.Errorf("SizeAt(%s: %v) = %d, %v; want %d", name, at, got, err, want)
			}
		}
		check("before the first event", r1.Recorded.Add(-time.Nanosecond))
		check("exactly at the first commit", r1.Recorded)
		check("between the first two commits", r1.Recorded.Add(r2.Recorded.Sub(r1.Recorded)/2))
		check("exactly at the second commit", r2.Recorded)
		check("exactly at the decision", d.RecordedAt)
		check("long after", endOfTime())
		if sizeAt(commits, r1.Recorded.Add(-time.Nanosecond)) != 0 || sizeAt(commits, endOfTime()) != d.Seq+1 {
			t.Fatal("the expectation itself is wrong")
		}
	})
}

func testMonotonic(t *testing.T, open func(*testing.T) vigil.Store) {
	t.Run("recorded times never decrease along the log", func(t *testing.T) {
		s, ctx := open(t), Context(t, vigil.AllCompartments)
		var times []time.Time
		times = append(times, importAll(t, s, ctx, Fixture(t, "caseload.ndjson")).Recorded)
		times = append(times, decide(t, s, ctx, catalogueDecision("DEC-1")).RecordedAt)
		if err := s.Consulted(ctx, vigil.Consultation{What: "board", Rows: 3}); err != nil {
			t.Fatal(err)
		}
		times = append(times, importAll(t, s, ctx, Fixture(t, "followup.ndjson")).Recorded)
		times = append(times, decide(t, s, ctx, catalogueDecision("DEC-2")).RecordedAt)
		for i := 1; i < len(times); i++ {
			if times[i].Before(times[i-1]) {
				t.Errorf("write %d recorded at %v, before write %d at %v", i, times[i], i-1, times[i-1])
			}
		}
		if rep, err := s.Verify(ctx, vigil.VerifyOptions{}); err != nil || !rep.OK {
			t.Errorf("verify: %+v, %v", rep, err)
		}
	})
}

// caseloadTotal is how many records caseload.ndjson holds.
func caseloadTotal() int {
	n := 0
	for _, c := range caseloadCounts() {
		n += c
	}
	return n
}

// feedOrder is the order of kinds Feed hands records in.
func feedOrder() []vigil.Kind {
	return append(vigil.RecordKinds(), vigil.KindDecision)
}

// fed collects what Feed hands out.
func fed(t testing.TB, s vigil.Store, ctx context.Context, from uint64) ([]*vigil.Record, uint64) {
	t.Helper()
	var recs []*vigil.Record
	size, err := s.Feed(ctx, from, func(r *vigil.Record) error {
		recs = append(recs, r)
		return nil
	})
	if err != nil {
		t.Fatalf("feed from %d: %v", from, err)
	}
	return recs, size
}

func recordKey(r *vigil.Record) string { return fmt.Sprintf("%s %s", r.Kind, r.ID) }

// projected is what Feed must give for a record: what the projection
// holds, which for an item leaves out handling, summary and mentions.
func projected(r *vigil.Record) any {
	switch {
	case r.Source != nil:
		return *r.Source
	case r.Subject != nil:
		return *r.Subject
	case r.Investigation != nil:
		return *r.Investigation
	case r.Item != nil:
		it := *r.Item
		it.Handling, it.Summary, it.Mentions = grade.Handling{}, "", 0
		return it
	case r.Link != nil:
		return *r.Link
	case r.Amendment != nil:
		return *r.Amendment
	case r.Retraction != nil:
		return *r.Retraction
	case r.Decision != nil:
		return *r.Decision
	}
	return nil
}

// byKey maps records to their projected content.
func byKey(recs []*vigil.Record) map[string]any {
	out := map[string]any{}
	for _, r := range recs {
		out[recordKey(r)] = projected(r)
	}
	return out
}

func decoded(inputs ...[]vigil.Record) []*vigil.Record {
	var out []*vigil.Record
	for _, recs := range inputs {
		for i := range recs {
			out = append(out, &recs[i])
		}
	}
	return out
}

// checkFeedShape checks the grouping of what Feed handed out: kinds in
// feedOrder, seqs in [from, size) and each once, and no payloads.
func checkFeedShape(t *testing.T, recs []*vigil.Record, from, size uint64) {
	t.Helper()
	rank := map[vigil.Kind]int{}
	for i, k := range feedOrder() {
		rank[k] = i
	}
	seen := map[uint64]bool{}
	for i, r := range recs {
		if _, ok := rank[r.Kind]; !ok {
			t.Errorf("record %d: kind %q is not one Feed hands out", i, r.Kind)
		}
		if r.Seq < from || r.Seq >= size {
			t.Errorf("%s: seq %d outside [%d, %d)", recordKey(r), r.Seq, from, size)
		}
		if seen[r.Seq] {
			t.Errorf("%s: seq %d handed out twice", recordKey(r), r.Seq)
		}
		seen[r.Seq] = true
		if r.Payload != nil {
			t.Errorf("%s: payload set, want nil", recordKey(r))
		}
		if i == 0 {
			continue
		}
		p := recs[i-1]
		if rank[r.Kind] < rank[p.Kind] {
			t.Errorf("%s after %s: kinds out of order", recordKey(r), recordKey(p))
		}
	}
}

func testFeed(t *testing.T, open func(*testing.T) vigil.Store) {
	t.Run("feed hands every record, by kind, whatever the compartments", func(t *testing.T) {
		s, admin := open(t), Context(t, vigil.AllCompartments)
		caseload, followup := Fixture(t, "caseload.ndjson"), Fixture(t, "followup.ndjson")
		importAll(t, s, admin, caseload)
		importAll(t, s, admin, followup)
		d := decide(t, s, admin, catalogueDecision("DEC-1"))
		if err := s.Consulted(admin, vigil.Consultation{What: "board", Rows: 3}); err != nil {
			t.Fatal(err)
		}
		// An actor with no compartments at all: Feed leaves them to the engine.
		recs, size := fed(t, s, Context(t), 0)
		if want := logSize(t, s, admin); size != want {
			t.Errorf("Feed returned size %d, the log holds %d", size, want)
		}
		checkFeedShape(t, recs, 0, size)
		want := byKey(decoded(caseload, followup))
		want["decision DEC-1"] = d
		if diff := cmp.Diff(want, byKey(recs), cmpEmpty()); diff != "" {
			t.Errorf("records fed (-want +got):\n%s", diff)
		}
		for _, r := range recs {
			if r.Kind == vigil.KindDecision && r.Seq != d.Seq {
				t.Errorf("decision fed with seq %d, recorded as %d", r.Seq, d.Seq)
			}
		}
	})

	t.Run("an amendment's fields come decoded, one canonical JSON value each", func(t *testing.T) {
		s, admin := open(t), Context(t, vigil.AllCompartments)
		importAll(t, s, admin, Fixture(t, "caseload.ndjson"))
		recs, _ := fed(t, s, admin, 0)
		found := false
		for _, r := range recs {
			if r.Amendment == nil || r.Amendment.Target != (vigil.Target{Type: vigil.KindItem, ID: "IT-001"}) {
				continue
			}
			found = true
			// Setting one grade scheme's field clears the others'.
			want := map[string]string{"assessment": `"A"`, "credibility": "null", "intelligence_5x5x5": "null",
				"summary": `"Layout questions confirmed by a second, independent report."`}
			got := map[string]string{}
			for k, v := range r.Amendment.Set {
				got[k] = string(v)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("amendment of IT-001 sets (-want +got):\n%s", diff)
			}
		}
		if !found {
			t.Error("no amendment of IT-001 fed")
		}
	})

	t.Run("feed from a size it returned hands only what came after", func(t *testing.T) {
		s, admin := open(t), Context(t, vigil.AllCompartments)
		importAll(t, s, admin, Fixture(t, "caseload.ndjson"))
		_, size1 := fed(t, s, admin, 0)
		followup := Fixture(t, "followup.ndjson")
		importAll(t, s, admin, followup)
		d := decide(t, s, admin, catalogueDecision("DEC-1"))

		recs, size2 := fed(t, s, admin, size1)
		if size2 != d.Seq+1 {
			t.Errorf("second feed returned size %d, want %d", size2, d.Seq+1)
		}
		checkFeedShape(t, recs, size1, size2)
		want := byKey(decoded(followup))
		want["decision DEC-1"] = d
		if diff := cmp.Diff(want, byKey(recs), cmpEmpty()); diff != "" {
			t.Errorf("records fed from %d (-want +got):\n%s", size1, diff)
		}

		recs, size3 := fed(t, s, admin, size2)
		if len(recs) != 0 || size3 != size2 {
			t.Errorf("feed from the current size: %d records, size %d; want none and %d", len(recs), size3, size2)
		}
	})

	t.Run("feed reads one snapshot: what is written meanwhile waits for the next call", func(t *testing.T) {
		s, admin := open(t), Context(t, vigil.AllCompartments)
		res := importAll(t, s, admin, Fixture(t, "caseload.ndjson"))
		var during vigil.ImportResult
		recs := 0
		size, err := s.Feed(admin, 0, func(r *vigil.Record) error {
			if recs++; recs == 1 {
				during = importAll(t, s, admin, Fixture(t, "followup.ndjson"))
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if size != res.Size || recs != caseloadTotal() {
			t.Errorf("feed during an import: %d records, size %d; want the %d before it, size %d", recs, size, caseloadTotal(), res.Size)
		}
		later, _ := fed(t, s, admin, size)
		if len(later) != during.Total() {
			t.Errorf("next feed: %d records, want the %d the import wrote", len(later), during.Total())
		}
	})

	t.Run("an error from the callback stops the feed and comes back as it is", func(t *testing.T) {
		s, admin := open(t), Context(t, vigil.AllCompartments)
		importAll(t, s, admin, Fixture(t, "caseload.ndjson"))
		stop := errors.New("engine full")
		calls := 0
		_, err := s.Feed(admin, 0, func(*vigil.Record) error {
			calls++
			return stop
		})
		if !errors.Is(err, stop) || calls != 1 {
			t.Errorf("Feed: %v after %d calls; want the callback's error after 1", err, calls)
		}
	})
}
