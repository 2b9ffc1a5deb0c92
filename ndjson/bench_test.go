package ndjson

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/vigil-oss/vigil/catalogue"
)

// benchInput builds a realistic intake file of n items: mixed grading
// schemes and handling codes, two or three subjects in both forms, a
// mention on every fifth item, two or three indicators, a summary.
func benchInput(n int) []byte {
	inds := []string{"expression.support_for_violence", "fixation", "pathway.research", "leakage", "capability.skills", "energy_burst"}
	grades := []string{`"assessment":"B"`, `"assessment":"C"`, `"credibility":"2"`, `"intelligence_5x5x5":"3"`}
	handling := []string{`"handling":"P"`, `"handling":"C","conditions":"no onward disclosure without the originator's consent"`, `"handling_5x5x5":"2"`}
	var b bytes.Buffer
	for i := range n {
		fmt.Fprintf(&b, `{"type":"item","id":"ITEM-%07d","received_at":"2026-01-%02dT%02d:15:00+01:00","occurred_at":"2025-12-%02dT21:30:00Z","source":"SRC-%04d",%s,%s,`,
			i, 1+i%28, i%24, 1+i%28, i%500, grades[i%len(grades)], handling[i%len(handling)])
		fmt.Fprintf(&b, `"subjects":["SUB-%06d",{"id":"SUB-%06d","role":"associate"}],`, i%250000, (i*7+1)%250000)
		if i%5 == 0 {
			fmt.Fprintf(&b, `"mentions":[{"full_name":"Person %d","phone":["+4477009%05d"],"role":"mentioned"}],`, i, i%100000)
		}
		fmt.Fprintf(&b, `"indicators":["%s","%s"],"summary":"Report %d: subject discussed travel and a meeting with an associate at a cafe near the station.","compartment":"CT-NORTH"}`+"\n",
			inds[i%len(inds)], inds[(i+2)%len(inds)], i)
	}
	return b.Bytes()
}

func BenchmarkDecode(b *testing.B) {
	const n = 10000
	in := benchInput(n)
	cat := catalogue.Default()
	b.SetBytes(int64(len(in)))
	b.ResetTimer()
	for b.Loop() {
		recs, probs, err := Decode(bytes.NewReader(in), cat)
		if err != nil || len(probs) > 0 || len(recs) != n {
			b.Fatalf("Decode: %d records, problems %v, err %v", len(recs), probs, err)
		}
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "items/s")
}
