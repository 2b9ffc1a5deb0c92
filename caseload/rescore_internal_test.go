package caseload

import (
	"bytes"
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/vigil-oss/vigil"
	"github.com/vigil-oss/vigil/catalogue"
	"github.com/vigil-oss/vigil/grade"
	"github.com/vigil-oss/vigil/ndjson"
	"github.com/vigil-oss/vigil/sqlite"
	"github.com/vigil-oss/vigil/synth"
)

// BenchmarkRescore is the engine's work when an item arrives: apply it, then re-score
// the subject it names — a subject with the median number of items, and the one with
// the most — in a generated caseload of 5,000 subjects and 200,000 items. Every
// iteration adds an item, so the subject grows by b.N items. (The import's own commit is
// intake, measured apart.)
func BenchmarkRescore(b *testing.B) {
	ctx := vigil.WithPurpose(vigil.WithActor(context.Background(),
		vigil.Actor{Name: "bench", Roles: vigil.Roles(), Compartments: []string{vigil.AllCompartments}}), "benchmark")
	cfg := synth.DefaultConfig()
	cfg.Subjects, cfg.Items, cfg.Sources, cfg.Investigations, cfg.Links = 5000, 200000, 400, 100, 1000
	cfg.Weeks = 52
	var buf bytes.Buffer
	if _, err := synth.Write(&buf, cfg); err != nil {
		b.Fatal(err)
	}
	recs, probs, err := ndjson.Decode(&buf, catalogue.Default())
	if err != nil || len(probs) > 0 {
		b.Fatal(err, probs)
	}
	st, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), "s.db"), sqlite.Options{Create: true})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	if _, err := st.Import(ctx, recs, vigil.ImportOptions{}); err != nil {
		b.Fatal(err)
	}
	e, err := Open(ctx, st, Options{})
	if err != nil {
		b.Fatal(err)
	}
	next := e.size
	order := make([]int32, len(e.subjects))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(x, y int32) int { return len(e.subjects[x].items) - len(e.subjects[y].items) })
	mid := len(order) / 2
	for _, c := range []struct {
		name     string
		subjects []int32
	}{{"median", order[mid-250 : mid+250]}, {"heaviest", order[len(order)-1:]}} {
		b.Run(c.name, func(b *testing.B) { rescore(b, e, c.subjects, cfg.End, &next) })
	}
}

// rescore adds items to the subjects in turn, numbered from *next on.
func rescore(b *testing.B, e *Engine, subjects []int32, end time.Time, next *uint64) {
	ctx := vigil.WithActor(context.Background(), vigil.Actor{Name: "bench", Roles: vigil.Roles(), Compartments: []string{vigil.AllCompartments}})
	size := func() (n int) {
		for _, s := range subjects {
			n += len(e.subjects[s].items)
		}
		return n / len(subjects)
	}
	before := size()
	source := e.sources[0].id
	actor, _ := vigil.ActorFrom(ctx)
	var w scratch
	seq := *next
	defer func() { *next = seq }()
	b.ResetTimer()
	for i := range b.N {
		s := subjects[i%len(subjects)]
		rec := &vigil.Record{Seq: seq, Kind: vigil.KindItem, ID: fmt.Sprint("BENCH-", seq), Item: &vigil.Item{
			ID: fmt.Sprint("BENCH-", seq), ReceivedAt: end, Source: source,
			Grade:      grade.InformationGrade{Scheme: grade.UK, Code: "B"},
			Subjects:   []vigil.SubjectRef{{ID: e.subjects[s].id, Role: vigil.RoleSubject}},
			Indicators: []string{"leakage"},
		}}
		seq++
		e.mu.Lock()
		err := e.apply(rec)
		e.mu.Unlock()
		if err != nil {
			b.Fatal(err)
		}
		e.mu.RLock()
		v := newView(end.Add(time.Hour), seq)
		r := e.row(&w, s, v, e.version(v.ns, v.known), actor)
		e.mu.RUnlock()
		if r.Subject == "" {
			b.Fatal("no row")
		}
	}
	b.ReportMetric(float64(before), "items-before")
	b.ReportMetric(float64(size()), "items-after")
}
