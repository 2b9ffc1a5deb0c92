package sqlite_test

import (
	"bytes"
	"context"
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
