package caseload_test

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/vigil-oss/vigil/caseload"
	"github.com/vigil-oss/vigil/synth"
)

// benchEngine loads a generated caseload of 5,000 subjects and 200,000 items (the
// demo's mix at the targets' ratio of 40 items per subject).
func benchEngine(b *testing.B) (*caseload.Engine, synth.Config) {
	b.Helper()
	cfg := synth.DefaultConfig()
	cfg.Subjects, cfg.Items, cfg.Sources, cfg.Investigations, cfg.Links = 5000, 200000, 400, 100, 1000
	cfg.Weeks = 52
	lines, _ := caseloadLines(b, cfg)
	s := openStore(b, filepath.Join(b.TempDir(), "s.db"), true)
	importLines(b, s, lines)
	e, err := caseload.Open(admin(), s, caseload.Options{})
	if err != nil {
		b.Fatal(err)
	}
	return e, cfg
}

// BenchmarkBoard reassesses every subject at a new moment (each with its 4-week change):
// the per-subject cost, scaled to 250,000 subjects, is the speed target's.
func BenchmarkBoard(b *testing.B) {
	e, cfg := benchEngine(b)
	b.ResetTimer()
	for i := range b.N {
		if _, err := e.Board(admin(), caseload.BoardQuery{Moment: caseload.Moment{At: cfg.End.Add(time.Duration(i) * time.Minute)}}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(cfg.Subjects), "ns/subject")
}

// BenchmarkExplain is one subject's full explanation, as the subject page asks for it.
func BenchmarkExplain(b *testing.B) {
	e, cfg := benchEngine(b)
	b.ResetTimer()
	for i := range b.N {
		if _, err := e.Explain(admin(), "SUB-000001", caseload.Moment{At: cfg.End.Add(time.Duration(i) * time.Minute)}); err != nil {
			b.Fatal(err)
		}
	}
}
