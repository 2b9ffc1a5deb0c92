package sqlite_test

import (
	"bytes"
	"context"
	"flag"
	"path/filepath"
	"testing"

	_ "modernc.org/sqlite" // the pure-Go driver, measured against the default

	"github.com/vigil-oss/vigil"
	"github.com/vigil-oss/vigil/catalogue"
	"github.com/vigil-oss/vigil/ndjson"
	"github.com/vigil-oss/vigil/sqlite"
	"github.com/vigil-oss/vigil/synth"
)

// benchRecords decodes a generated caseload of n items.
func benchRecords(b *testing.B, n int) []vigil.Record {
	b.Helper()
	cfg := synth.DefaultConfig()
	cfg.Items, cfg.Subjects, cfg.Sources = n, max(n/40, 60), max(n/500, 10)
	cfg.Investigations, cfg.Links = cfg.Subjects/50, cfg.Subjects/5
	var buf bytes.Buffer
	if _, err := synth.Write(&buf, cfg); err != nil {
		b.Fatal(err)
	}
	recs, probs, err := ndjson.Decode(&buf, catalogue.Default())
	if err != nil || len(probs) > 0 {
		b.Fatalf("decode: %v %v", err, probs)
	}
	return recs
}

// BenchmarkImportDriver imports the same records into an empty store through
// each SQLite driver: the measurement behind the choice in docs/DECISIONS.md.
func BenchmarkImportDriver(b *testing.B) {
	recs := benchRecords(b, 100_000)
	ctx := vigil.WithActor(context.Background(), vigil.Actor{Name: "bench", Compartments: []string{"*"}})
	for _, driver := range []string{"sqlite3", "sqlite"} {
		b.Run(driver, func(b *testing.B) {
			for b.Loop() {
				b.StopTimer()
				path := filepath.Join(b.TempDir(), "s.db")
				s, err := sqlite.Open(ctx, path, sqlite.Options{Create: true, Driver: driver})
				if err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				if _, err := s.Import(ctx, recs, vigil.ImportOptions{File: "bench"}); err != nil {
					b.Fatal(err)
				}
				b.StopTimer()
				s.Close()
				b.StartTimer()
			}
			b.ReportMetric(float64(len(recs))*float64(b.N)/b.Elapsed().Seconds(), "records/s")
		})
	}
}

var feedDB = flag.String("feed-db", "", "BenchmarkFeed: feed this existing store (opened read-only) instead of a generated one")

// BenchmarkFeed reads a store through Feed, as an engine's cold start does:
// by default one of 200,000 generated items (and the sources, subjects,
// investigations, links and changes they refer to); with -feed-db, an
// existing store, such as the 10 M items bench/import.sh leaves. The brief
// asks for a cold start of 10 M items in under 60 s, engine included.
func BenchmarkFeed(b *testing.B) {
	ctx := vigil.WithActor(context.Background(), vigil.Actor{Name: "bench", Compartments: []string{"*"}})
	var s *sqlite.Store
	var err error
	want := -1
	if *feedDB != "" {
		s, err = sqlite.Open(ctx, *feedDB, sqlite.Options{ReadOnly: true})
	} else {
		recs := benchRecords(b, 200_000)
		want = len(recs)
		s, err = sqlite.Open(ctx, filepath.Join(b.TempDir(), "s.db"), sqlite.Options{Create: true})
		if err == nil {
			_, err = s.Import(ctx, recs, vigil.ImportOptions{File: "bench"})
		}
	}
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	n := 0
	for b.Loop() {
		n = 0
		if _, err := s.Feed(ctx, 0, func(*vigil.Record) error { n++; return nil }); err != nil {
			b.Fatal(err)
		}
	}
	if want >= 0 && n != want {
		b.Fatalf("fed %d records, imported %d", n, want)
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "records/s")
}
