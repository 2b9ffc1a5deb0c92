package resolve

import (
	"bytes"
	"encoding/csv"
	"slices"
	"sort"
	"testing"
	"time"

	"github.com/vigil-oss/vigil/synth"
)

// registerRows generates a register and returns each row's prepared fields (neither its
// origin nor its cluster, the truth), origin and cluster.
func registerRows(t testing.TB, seed int64, rows int) (people []Person, origins, clusters []string) {
	t.Helper()
	var buf bytes.Buffer
	if _, err := synth.WriteRegister(&buf, synth.RegisterConfig{Seed: seed, Records: rows}); err != nil {
		t.Fatal(err)
	}
	all, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	head := all[0]
	origin, cluster := slices.Index(head, "origin"), slices.Index(head, "cluster")
	for _, r := range all[1:] {
		raw := map[string]string{}
		for i, h := range head {
			if i > 0 && i != origin && i != cluster {
				raw[h] = r[i]
			}
		}
		people = append(people, Person{ID: r[0], Fields: Prepare(raw, "GB")})
		origins = append(origins, r[origin])
		clusters = append(clusters, r[cluster])
	}
	return people, origins, clusters
}

// register returns a generated register split into subjects (each person's first record,
// under the person's id) and fragments (their further records, with errors), with each
// fragment's true subject.
func register(t testing.TB, rows int) (subjects []Person, fragments []map[string]string, truth []string) {
	t.Helper()
	people, _, clusters := registerRows(t, 11, rows)
	first := map[string]bool{}
	for i, p := range people {
		if !first[clusters[i]] {
			first[clusters[i]] = true
			subjects = append(subjects, Person{ID: clusters[i], Fields: p.Fields})
			continue
		}
		fragments = append(fragments, p.Fields)
		truth = append(truth, clusters[i])
	}
	return subjects, fragments, truth
}

// TestIndexResolves: a further record of a subject, with one to three errors, resolves
// to that subject first, with a probability and a per-field explanation; a stranger's
// fragment does not reach a high probability.
func TestIndexResolves(t *testing.T) {
	subjects, fragments, truth := register(t, 25000)
	ix := NewIndex(subjects)
	top, high, wrongHigh := 0, 0, 0
	for i, f := range fragments {
		c := ix.Resolve(f, 3)
		if len(c) == 0 {
			continue
		}
		if c[0].Subject == truth[i] {
			top++
		}
		if c[0].Probability >= 0.95 {
			if c[0].Subject == truth[i] {
				high++
			} else {
				wrongHigh++
			}
		}
		if i == 0 && (len(c[0].Fields) != len(c[0].Levels) || len(c[0].Weights) != len(c[0].Levels)) {
			t.Fatalf("explanation: %d fields, %d levels, %d weights", len(c[0].Fields), len(c[0].Levels), len(c[0].Weights))
		}
	}
	n := float64(len(fragments))
	t.Logf("%d subjects, %d fragments: right subject first %.3f; at p ≥ 0.95 right %.3f, wrong %.4f",
		len(subjects), len(fragments), float64(top)/n, float64(high)/n, float64(wrongHigh)/n)
	if float64(top)/n < 0.85 {
		t.Errorf("the right subject came first for %.3f of fragments, want ≥ 0.85", float64(top)/n)
	}
	if float64(wrongHigh)/n > 0.01 {
		t.Errorf("%.4f of fragments reached p ≥ 0.95 for the wrong subject, want ≤ 0.01", float64(wrongHigh)/n)
	}
	// A fragment naming someone not in the index.
	stranger := Prepare(map[string]string{"given_name": "Zebulon", "family_name": "Quillfeather", "dob": "1901-02-03"}, "")
	if c := ix.Resolve(stranger, 1); len(c) > 0 && c[0].Probability >= 0.5 {
		t.Errorf("a stranger resolved to %s at %.3f", c[0].Subject, c[0].Probability)
	}
}

// BenchmarkResolve is one fragment against 250,000 subjects; it reports the 50th and
// 99th percentile of the time per fragment.
func BenchmarkResolve(b *testing.B) {
	subjects, fragments, _ := register(b, 312500) // 250,000 people
	ix := NewIndex(subjects)
	times := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := range b.N {
		t := time.Now()
		ix.Resolve(fragments[i%len(fragments)], 10)
		times = append(times, time.Since(t))
	}
	b.StopTimer()
	sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
	b.ReportMetric(float64(times[len(times)/2].Microseconds()), "p50-µs")
	b.ReportMetric(float64(times[len(times)*99/100].Microseconds()), "p99-µs")
	b.ReportMetric(float64(len(subjects)), "subjects")
}
