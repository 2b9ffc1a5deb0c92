package ndjson

import (
	"bytes"
	"testing"

	"github.com/vigil-oss/vigil/catalogue"
)

// FuzzDecode: Decode never panics, and its canonical form is a fixed point:
// every payload it returns decodes, with and without a catalogue, to the
// same record kind, id and payload. The seed corpus is in
// testdata/fuzz/FuzzDecode: valid records of each type and nasty inputs.
func FuzzDecode(f *testing.F) {
	for _, l := range []string{srcLine, subLine, invLine, itemLine, linkLine, amendLine, retractLine} {
		f.Add([]byte(l))
	}
	cat := catalogue.Default()
	f.Fuzz(func(t *testing.T, in []byte) {
		recs, probs, err := Decode(bytes.NewReader(in), cat)
		if err != nil {
			t.Fatalf("Decode: %v", err)
		}
		for _, p := range probs {
			if p.Line < 1 || p.Reason == "" {
				t.Errorf("problem without a line or reason: %+v", p)
			}
		}
		for _, rec := range recs {
			for _, c := range []*catalogue.Catalogue{cat, nil} {
				again, probs := DecodeLine(rec.Line, rec.Payload, c)
				if len(probs) > 0 {
					t.Fatalf("payload %s of line %d does not decode: %v", rec.Payload, rec.Line, probs)
				}
				if !bytes.Equal(again.Payload, rec.Payload) || again.ID != rec.ID || again.Kind != rec.Kind {
					t.Fatalf("canonical form is not a fixed point:\n%s %s\n%s\n%s %s\n%s", rec.Kind, rec.ID, rec.Payload, again.Kind, again.ID, again.Payload)
				}
			}
		}
	})
}
