package ndjson

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/vigil-oss/vigil/catalogue"
)

var update = flag.Bool("update", false, "rewrite testdata/canonical/*.golden from the current decoder")

func payload(t *testing.T, line string) string {
	t.Helper()
	rec, probs := DecodeLine(1, []byte(line), catalogue.Default())
	if len(probs) > 0 {
		t.Fatalf("DecodeLine(%s): %v", line, probs)
	}
	return string(rec.Payload)
}

func TestCanonicalSame(t *testing.T) {
	tests := []struct {
		name string
		a, b string
	}{
		{"time zone",
			with(t, itemLine, "received_at", "2026-01-02T11:00:00+01:00", "occurred_at", "2026-01-01T19:30:00-05:00"),
			with(t, itemLine, "received_at", "2026-01-02T10:00:00Z", "occurred_at", "2026-01-02T00:30:00.000Z")},
		{"negative zero offset", with(t, linkLine, "received_at", "2026-01-02T10:00:00-00:00"), linkLine},
		{"fraction trailing zeros", with(t, linkLine, "received_at", "2026-01-02T10:00:00.500000Z"), with(t, linkLine, "received_at", "2026-01-02T10:00:00.5Z")},
		{"indicator order and repeats",
			with(t, itemLine, "indicators", []string{"leakage", "fixation", "leakage"}),
			with(t, itemLine, "indicators", []string{"fixation", "leakage"})},
		{"subject order", with(t, itemLine, "subjects", []string{"SUB-2", "SUB-1"}), with(t, itemLine, "subjects", []string{"SUB-1", "SUB-2"})},
		{"subject as id or object",
			with(t, itemLine, "subjects", raw(`["SUB-1",{"id":"SUB-2","role":"victim"}]`)),
			with(t, itemLine, "subjects", raw(`[{"id":"SUB-2","role":"victim"},{"id":"SUB-1","role":"subject"}]`))},
		{"subject role null is subject", with(t, itemLine, "subjects", raw(`[{"id":"SUB-1","role":null}]`)), itemLine},
		{"subject repeated", with(t, itemLine, "subjects", raw(`["SUB-1",{"id":"SUB-1"}]`)), itemLine},
		{"derived_from order", with(t, itemLine, "derived_from", []string{"IT-9", "IT-3", "IT-9"}), with(t, itemLine, "derived_from", []string{"IT-3", "IT-9"})},
		{"investigation subjects order", with(t, invLine, "subjects", []string{"SUB-2", "SUB-1"}), with(t, invLine, "subjects", []string{"SUB-1", "SUB-2", "SUB-1"})},
		{"absent equals null",
			with(t, itemLine, "occurred_at", raw("null"), "summary", raw("null"), "derived_from", raw("null"), "compartment", raw("null"), "mentions", raw("null")),
			itemLine},
		{"empty optional list equals absent", with(t, itemLine, "derived_from", []string{}), itemLine},
		{"whitespace and key order",
			"  { \"subjects\" : [ \"SUB-1\" ] ,\t\"indicators\":[\"fixation\"], \"handling\":\"P\",\"assessment\":\"B\",\"source\":\"SRC-1\",\"received_at\":\"2026-01-02T10:00:00Z\",\"id\":\"IT-1\",\"type\":\"item\" }  ",
			itemLine},
		{"surrounding spaces in values", with(t, srcLine, "id", " SRC-1 ", "kind", "informant "), srcLine},
		{"escaped characters", `{"type":"subject","id":"SUB\u002d1","status":"priority"}`, subLine},
		{"alias and phone lists",
			with(t, subLine, "identity", raw(`{"full_name":"Ann Bell","alias":["Nan","Annie","Nan"],"phone":"+447700900123"}`)),
			with(t, subLine, "identity", raw(`{"phone":["+447700900123"],"alias":["Annie","Nan"],"full_name":" Ann Bell","dob":null}`))},
		{"mention order, role default and repeats",
			with(t, itemLine, "mentions", raw(`[{"full_name":"Z Y","role":"victim"},{"handle":["@b","@a"]},{"full_name":"Z Y","role":"victim"}]`)),
			with(t, itemLine, "mentions", raw(`[{"handle":["@a","@b"],"role":"subject"},{"role":"victim","full_name":"Z Y"}]`))},
		{"amendment set order and times",
			`{"type":"amend","target":{"id":"IT-1","type":"item"},"set":{"subjects":["SUB-2","SUB-1"],"occurred_at":"2026-01-01T01:00:00+01:00"},"effective_at":"2026-01-03T01:00:00+01:00","rationale":"r"}`,
			`{"rationale":"r","effective_at":"2026-01-03T00:00:00Z","set":{"occurred_at":"2026-01-01T00:00:00Z","subjects":["SUB-1",{"id":"SUB-2"}]},"target":{"type":"item","id":"IT-1"},"type":"amend"}`},
		{"amendment clearing with an empty list or null",
			with(t, amendLine, "target", raw(`{"type":"item","id":"IT-1"}`), "set", raw(`{"derived_from":[]}`)),
			with(t, amendLine, "target", raw(`{"type":"item","id":"IT-1"}`), "set", raw(`{"derived_from":null}`))},
		{"re-grade names the grades it replaces",
			with(t, amendLine, "target", raw(`{"type":"source","id":"SRC-1"}`), "set", raw(`{"evaluation":"2"}`)),
			with(t, amendLine, "target", raw(`{"type":"source","id":"SRC-1"}`), "set", raw(`{"evaluation":"2","admiralty":null,"evaluation_5x5x5":null}`))},
		{"new handling replaces conditions",
			with(t, amendLine, "target", raw(`{"type":"item","id":"IT-1"}`), "set", raw(`{"handling":"P"}`)),
			with(t, amendLine, "target", raw(`{"type":"item","id":"IT-1"}`), "set", raw(`{"handling":"P","conditions":null,"handling_5x5x5":null}`))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, b := payload(t, tt.a), payload(t, tt.b)
			if a != b {
				t.Errorf("payloads differ:\n%s\n%s", a, b)
			}
		})
	}
}

func TestCanonicalDifferent(t *testing.T) {
	tests := []struct {
		name string
		a, b string
	}{
		{"instant", with(t, itemLine, "received_at", "2026-01-02T10:00:00+01:00"), itemLine},
		{"sub-second", with(t, itemLine, "received_at", "2026-01-02T10:00:00.000000001Z"), itemLine},
		{"indicator", with(t, itemLine, "indicators", []string{"fixation", "leakage"}), itemLine},
		{"no indicators is not absent indicators' record", with(t, itemLine, "indicators", []string{}), itemLine},
		{"subject role", with(t, itemLine, "subjects", raw(`[{"id":"SUB-1","role":"associate"}]`)), itemLine},
		{"grade scheme", with(t, srcLine, "evaluation", nil, "admiralty", "B"), with(t, srcLine, "evaluation", nil, "evaluation_5x5x5", "B")},
		{"id case", with(t, subLine, "id", "sub-1"), subLine},
		{"summary whitespace inside", with(t, itemLine, "summary", "a  b"), with(t, itemLine, "summary", "a b")},
		{"mention role", with(t, itemLine, "mentions", raw(`[{"full_name":"A"}]`)), with(t, itemLine, "mentions", raw(`[{"full_name":"A","role":"victim"}]`))},
		{"identity field", with(t, subLine, "identity", raw(`{"given_name":"Ann"}`)), with(t, subLine, "identity", raw(`{"family_name":"Ann"}`))},
		{"amend rationale", with(t, amendLine, "rationale", "other"), amendLine},
		{"retract target", with(t, retractLine, "target", raw(`{"type":"link","id":"IT-1"}`)), retractLine},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if a, b := payload(t, tt.a), payload(t, tt.b); a == b {
				t.Errorf("different records share a payload:\n%s", a)
			}
		})
	}
}

// TestCanonicalGolden decodes each testdata/canonical/*.ndjson and compares
// the payloads, one a line, with the .golden file beside it. Run with
// -update after a deliberate change to the canonical form, and review the
// diff: keys sorted, times in UTC, lists sorted sets, nothing absent.
func TestCanonicalGolden(t *testing.T) {
	inputs, err := filepath.Glob(filepath.Join("testdata", "canonical", "*.ndjson"))
	if err != nil || len(inputs) == 0 {
		t.Fatalf("no inputs: %v", err)
	}
	for _, in := range inputs {
		t.Run(filepath.Base(in), func(t *testing.T) {
			data, err := os.ReadFile(in)
			if err != nil {
				t.Fatal(err)
			}
			recs, probs, err := Decode(bytes.NewReader(data), catalogue.Default())
			if err != nil || len(probs) > 0 {
				t.Fatalf("Decode: %v %v", probs, err)
			}
			var got strings.Builder
			for _, r := range recs {
				got.Write(r.Payload)
				got.WriteByte('\n')
			}
			golden := strings.TrimSuffix(in, ".ndjson") + ".golden"
			if *update {
				if err := os.WriteFile(golden, []byte(got.String()), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if diff := cmp.Diff(string(want), got.String()); diff != "" {
				t.Errorf("payloads differ from %s (-want +got):\n%s", golden, diff)
			}
		})
	}
}
