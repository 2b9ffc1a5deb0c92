package synth_test

import (
	"bytes"
	"testing"
	"time"

	"github.com/vigil-oss/vigil/catalogue"
	"github.com/vigil-oss/vigil/ndjson"
	"github.com/vigil-oss/vigil/synth"
)

// This test imports the intake codec, which changes often; it sits behind
// the integration tag so that synth's own tests never break on a codec
// edit in progress. Run it with: go test -tags integration ./synth/

// TestIntakeAcceptsOutput feeds generated caseloads to the real intake
// decoder: the generator is only useful if every line it writes imports.
func TestIntakeAcceptsOutput(t *testing.T) {
	cfgs := map[string]synth.Config{
		"default": synth.DefaultConfig(),
		"busy": {Seed: 9, Subjects: 3000, Items: 30000, Sources: 60, Investigations: 80, Links: 2000,
			End: time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), ChangeShare: 0.02, MentionShare: 0.1},
	}
	for name, cfg := range cfgs {
		t.Run(name, func(t *testing.T) {
			var b bytes.Buffer
			st, err := synth.Write(&b, cfg)
			if err != nil {
				t.Fatal(err)
			}
			recs, probs, err := ndjson.Decode(&b, catalogue.Default())
			if err != nil {
				t.Fatal(err)
			}
			for i, p := range probs {
				if i == 20 {
					t.Fatalf("... %d problems in all", len(probs))
				}
				t.Error(p)
			}
			want := st.Sources + st.Subjects + st.Investigations + st.Items + st.Links + st.Amends + st.Retracts
			if len(recs) != want {
				t.Errorf("decoded %d records, generator reports %d", len(recs), want)
			}
		})
	}
}
