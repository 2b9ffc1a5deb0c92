package ndjson

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/vigil-oss/vigil"
	"github.com/vigil-oss/vigil/catalogue"
)

// fe is a problem on line 1, the line every case below is decoded as.
func fe(field, reason string) vigil.FieldError {
	return vigil.FieldError{Line: 1, Field: field, Reason: reason}
}

func TestDecodeLineRejects(t *testing.T) {
	cat := catalogue.Default()
	const kinds = "source, subject, investigation, item, link, amend, retract"
	tests := []struct {
		name string
		line string
		want []vigil.FieldError
	}{
		// Whole-record problems.
		{"malformed JSON", `{"type":"source",`, []vigil.FieldError{fe("", "malformed JSON: unexpected end of JSON input")}},
		{"trailing garbage", srcLine + ` x`, []vigil.FieldError{fe("", "malformed JSON: invalid character 'x' after top-level value")}},
		{"not an object: list", `["source"]`, []vigil.FieldError{fe("", "want a JSON object, got a list")}},
		{"not an object: string", `"source"`, []vigil.FieldError{fe("", "want a JSON object, got a string")}},
		{"not an object: null", `null`, []vigil.FieldError{fe("", "want a JSON object, got null")}},
		{"missing type", `{"id":"SRC-1"}`, []vigil.FieldError{fe("type", "required")}},
		{"null type", `{"type":null,"id":"SRC-1"}`, []vigil.FieldError{fe("type", "required")}},
		{"unknown type", `{"type":"person","id":"P-1"}`, []vigil.FieldError{fe("type", `unknown value "person": want one of `+kinds)}},
		{"type not a string", `{"type":3}`, []vigil.FieldError{fe("type", "want a string, got a number")}},
		{"duplicate field", `{"type":"subject","id":"SUB-1","status":"priority","id":"SUB-2"}`, []vigil.FieldError{fe("id", "field given more than once")}},

		// Required fields, per type.
		{"source: nothing", `{"type":"source"}`, []vigil.FieldError{
			fe("id", "required"), fe("kind", "required"),
			fe("evaluation", "required: one of evaluation, admiralty or evaluation_5x5x5")}},
		{"subject: nothing", `{"type":"subject"}`, []vigil.FieldError{fe("id", "required"), fe("status", "required")}},
		{"investigation: nothing", `{"type":"investigation"}`, []vigil.FieldError{
			fe("id", "required"), fe("name", "required"), fe("subjects", "required")}},
		{"item: nothing", `{"type":"item"}`, []vigil.FieldError{
			fe("id", "required"), fe("source", "required"), fe("received_at", "required"),
			fe("assessment", "required: one of assessment, credibility or intelligence_5x5x5"),
			fe("handling", "required: one of handling or handling_5x5x5"),
			fe("indicators", "required (may be an empty list)"),
			fe("subjects", "required: an item names subjects, mentions, or both")}},
		{"link: nothing", `{"type":"link"}`, []vigil.FieldError{
			fe("id", "required"), fe("from", "required"), fe("to", "required"), fe("kind", "required"), fe("received_at", "required")}},
		{"amend: nothing", `{"type":"amend"}`, []vigil.FieldError{
			fe("target", "required"), fe("effective_at", "required"), fe("rationale", "required"), fe("set", "required")}},
		{"retract: nothing", `{"type":"retract"}`, []vigil.FieldError{
			fe("target", "required"), fe("effective_at", "required"), fe("rationale", "required")}},
		{"null equals absent", with(t, subLine, "status", raw("null")), []vigil.FieldError{fe("status", "required")}},
		{"empty string", with(t, subLine, "id", "  "), []vigil.FieldError{fe("id", "empty")}},
		{"id with a space", with(t, subLine, "id", "SUB 1"), []vigil.FieldError{fe("id", `id "SUB 1" contains spaces or control characters`)}},
		{"id too long", with(t, subLine, "id", strings.Repeat("x", 201)), []vigil.FieldError{fe("id", "longer than 200 bytes")}},
		{"investigation: empty subjects", with(t, invLine, "subjects", []string{}), []vigil.FieldError{fe("subjects", "empty: an investigation has at least one subject")}},
		{"item: empty subjects and mentions", with(t, itemLine, "subjects", []string{}, "mentions", []string{}),
			[]vigil.FieldError{fe("subjects", "empty: an item names at least one subject or mention")}},
		{"item: mentions only is fine", with(t, itemLine, "subjects", nil, "mentions", raw(`[{"full_name":"A B"}]`)), nil},
		{"item: missing received_at", with(t, itemLine, "received_at", nil), []vigil.FieldError{fe("received_at", "required")}},
		{"item: empty indicators are fine", with(t, itemLine, "indicators", []string{}), nil},
		{"target: missing id", with(t, retractLine, "target", raw(`{"type":"item"}`)), []vigil.FieldError{fe("target.id", "required")}},
		{"amend: empty set", with(t, amendLine, "set", raw(`{}`)), []vigil.FieldError{fe("set", "sets no field")}},

		// Wrong types.
		{"number for string", with(t, subLine, "status", 1), []vigil.FieldError{fe("status", "want a string, got a number")}},
		{"boolean for string", with(t, srcLine, "kind", true), []vigil.FieldError{fe("kind", "want a string, got a boolean")}},
		{"object for list", with(t, invLine, "subjects", raw(`{"id":"SUB-1"}`)), []vigil.FieldError{fe("subjects", "want a list of ids, got an object")}},
		{"string for list", with(t, itemLine, "indicators", "fixation"), []vigil.FieldError{fe("indicators", "want a list of indicator codes, got a string")}},
		{"number in id list", with(t, invLine, "subjects", raw(`["SUB-1",2]`)), []vigil.FieldError{fe("subjects[1]", "want a string, got a number")}},
		{"number in indicators", with(t, itemLine, "indicators", raw(`[7]`)), []vigil.FieldError{fe("indicators[0]", "want an indicator code, got a number")}},
		{"object for subjects", with(t, itemLine, "subjects", raw(`{"SUB-1":"subject"}`)), []vigil.FieldError{fe("subjects", "want a list of subject ids, got an object")}},
		{"number in subjects", with(t, itemLine, "subjects", raw(`[1]`)), []vigil.FieldError{fe("subjects[0]", `want a subject id or {"id":…,"role":…}, got a number`)}},
		{"string for target", with(t, retractLine, "target", "IT-1"), []vigil.FieldError{fe("target", "want a JSON object, got a string")}},
		{"list for set", with(t, amendLine, "set", []string{"status"}), []vigil.FieldError{fe("set", "want a JSON object, got a list")}},
		{"object for mentions", with(t, itemLine, "mentions", raw(`{"full_name":"A"}`)), []vigil.FieldError{fe("mentions", "want a list of identity objects, got an object")}},
		{"string in mentions", with(t, itemLine, "mentions", raw(`["A B"]`)), []vigil.FieldError{fe("mentions[0]", "want an identity object, got a string")}},

		// Unknown fields.
		{"unknown field", with(t, srcLine, "reliability", "A"), []vigil.FieldError{fe("reliability", "unknown field")}},
		{"unknown fields sorted", with(t, subLine, "zeta", 1, "alpha", 2), []vigil.FieldError{fe("alpha", "unknown field"), fe("zeta", "unknown field")}},
		{"unknown field in subject ref", with(t, itemLine, "subjects", raw(`[{"id":"SUB-1","weight":2}]`)), []vigil.FieldError{fe("subjects[0].weight", "unknown field")}},
		{"unknown field in target", with(t, retractLine, "target", raw(`{"type":"item","id":"IT-1","seq":4}`)), []vigil.FieldError{fe("target.seq", "unknown field")}},

		// Enumerations.
		{"unknown source kind", with(t, srcLine, "kind", "spy"), []vigil.FieldError{fe("kind", `unknown value "spy": want one of informant, intercept, hotline, community, partner, open_source, surveillance, other`)}},
		{"unknown status", with(t, subLine, "status", "active"), []vigil.FieldError{fe("status", `unknown value "active": want one of priority, monitored, closed`)}},
		{"unknown tier", with(t, invLine, "tier", "P0"), []vigil.FieldError{fe("tier", `unknown value "P0": want one of P1, P2, P3, M, closed`)}},
		{"unknown link kind", with(t, linkLine, "kind", "friend"), []vigil.FieldError{fe("kind", `unknown value "friend": want one of communicates, associate, family, co_located, other`)}},
		{"link to itself", with(t, linkLine, "to", "SUB-1"), []vigil.FieldError{fe("to", `a link joins two different subjects, got "SUB-1" twice`)}},
		{"subject role unknown", with(t, itemLine, "subjects", raw(`[{"id":"SUB-1","role":"suspect"}]`)), []vigil.FieldError{fe("subjects[0].role", `unknown value "suspect": want one of subject, associate, victim, mentioned`)}},
		{"mention role unknown", with(t, itemLine, "mentions", raw(`[{"full_name":"A B","role":"boss"}]`)), []vigil.FieldError{fe("mentions[0].role", `unknown value "boss": want one of subject, associate, victim, mentioned`)}},
		{"subject twice with two roles", with(t, itemLine, "subjects", raw(`["SUB-1",{"id":"SUB-1","role":"victim"}]`)), []vigil.FieldError{fe("subjects[1]", `subject "SUB-1" appears twice with different roles`)}},
		{"derived from itself", with(t, itemLine, "derived_from", []string{"IT-0", "IT-1"}), []vigil.FieldError{fe("derived_from[1]", "an item cannot be derived from itself")}},

		// Grades, per scheme.
		{"evaluation 4", with(t, srcLine, "evaluation", "4"), []vigil.FieldError{fe("evaluation", `3x5x2 source evaluation "4": want one of 1–3`)}},
		{"evaluation as a number", with(t, srcLine, "evaluation", 2), []vigil.FieldError{fe("evaluation", "want a string, got a number")}},
		{"admiralty G", with(t, srcLine, "evaluation", nil, "admiralty", "G"), []vigil.FieldError{fe("admiralty", `admiralty reliability "G": want one of A–F`)}},
		{"evaluation_5x5x5 F", with(t, srcLine, "evaluation", nil, "evaluation_5x5x5", "F"), []vigil.FieldError{fe("evaluation_5x5x5", `5x5x5 source evaluation "F": want one of A–E`)}},
		{"assessment F", with(t, itemLine, "assessment", "F"), []vigil.FieldError{fe("assessment", `3x5x2 intelligence assessment "F": want one of A–E`)}},
		{"credibility 7", with(t, itemLine, "assessment", nil, "credibility", "7"), []vigil.FieldError{fe("credibility", `admiralty credibility "7": want one of 1–6`)}},
		{"intelligence_5x5x5 6", with(t, itemLine, "assessment", nil, "intelligence_5x5x5", "6"), []vigil.FieldError{fe("intelligence_5x5x5", `5x5x5 intelligence evaluation "6": want one of 1–5`)}},
		{"two source schemes", with(t, srcLine, "admiralty", "B"), []vigil.FieldError{fe("admiralty", "give only one of evaluation, admiralty or evaluation_5x5x5 (also got evaluation)")}},
		{"two information schemes", with(t, itemLine, "credibility", "2"), []vigil.FieldError{fe("credibility", "give only one of assessment, credibility or intelligence_5x5x5 (also got assessment)")}},
		{"two handling schemes", with(t, itemLine, "handling_5x5x5", "2"), []vigil.FieldError{fe("handling_5x5x5", "give only one of handling or handling_5x5x5 (also got handling)")}},
		{"handling X", with(t, itemLine, "handling", "X"), []vigil.FieldError{fe("handling", `3x5x2 handling code "X": want one of P, C`)}},
		{"handling_5x5x5 6", with(t, itemLine, "handling", nil, "handling_5x5x5", "6"), []vigil.FieldError{fe("handling_5x5x5", `5x5x5 handling code "6": want one of 1–5`)}},
		{"handling C without conditions", with(t, itemLine, "handling", "C"), []vigil.FieldError{fe("conditions", "required with handling C: the conditions on sharing")}},
		{"handling C with blank conditions", with(t, itemLine, "handling", "C", "conditions", " "), []vigil.FieldError{fe("conditions", "empty")}},
		{"conditions with P", with(t, itemLine, "conditions", "UK only"), []vigil.FieldError{fe("conditions", "not allowed with handling P (use C to share with conditions)")}},
		{"conditions with 5x5x5 handling are fine", with(t, itemLine, "handling", nil, "handling_5x5x5", "3", "conditions", "originator's consent"), nil},
		{"conditions without handling", with(t, itemLine, "handling", nil, "conditions", "UK only"), []vigil.FieldError{
			fe("handling", "required: one of handling or handling_5x5x5"), fe("conditions", "conditions go with handling C")}},

		// Indicators.
		{"unknown indicator", with(t, itemLine, "indicators", []string{"fixation", "radical.views"}), []vigil.FieldError{fe("indicators[1]", `unknown indicator code "radical.views" (catalogue v1)`)}},
		{"empty indicator", with(t, itemLine, "indicators", []string{""}), []vigil.FieldError{fe("indicators[0]", "empty")}},

		// Times.
		{"date only", with(t, itemLine, "received_at", "2026-01-02"), []vigil.FieldError{fe("received_at", `not an RFC 3339 time such as 2026-01-02T15:04:05Z: "2026-01-02"`)}},
		{"yesterday", with(t, itemLine, "occurred_at", "yesterday"), []vigil.FieldError{fe("occurred_at", `not an RFC 3339 time such as 2026-01-02T15:04:05Z: "yesterday"`)}},
		{"month 13", with(t, linkLine, "received_at", "2026-13-01T00:00:00Z"), []vigil.FieldError{fe("received_at", `not an RFC 3339 time such as 2026-01-02T15:04:05Z: "2026-13-01T00:00:00Z"`)}},
		{"no zone", with(t, amendLine, "effective_at", "2026-01-02T10:00:00"), []vigil.FieldError{fe("effective_at", `not an RFC 3339 time such as 2026-01-02T15:04:05Z: "2026-01-02T10:00:00"`)}},
		{"comma fraction", with(t, itemLine, "received_at", "2026-01-02T10:00:00,5Z"), []vigil.FieldError{fe("received_at", `not an RFC 3339 time such as 2026-01-02T15:04:05Z: "2026-01-02T10:00:00,5Z"`)}},
		{"offset beyond 23:59", with(t, itemLine, "received_at", "2026-01-02T10:00:00+24:00"), []vigil.FieldError{fe("received_at", `not an RFC 3339 time such as 2026-01-02T15:04:05Z: "2026-01-02T10:00:00+24:00"`)}},
		{"year out of range in UTC", with(t, itemLine, "received_at", "9999-12-31T23:30:00-01:00"), []vigil.FieldError{fe("received_at", `year out of range (want 1900 to 9999 in UTC): "9999-12-31T23:30:00-01:00"`)}},
		{"time as a number", with(t, itemLine, "received_at", 1767348000), []vigil.FieldError{fe("received_at", "want a string, got a number")}},

		// Amendments.
		{"amend received_at", with(t, amendLine, "target", raw(`{"type":"item","id":"IT-1"}`), "set", raw(`{"received_at":"2026-01-01T00:00:00Z"}`)),
			[]vigil.FieldError{fe("set.received_at", "cannot be amended: it is fixed when the item is recorded (retract the item and record it anew)")}},
		{"amend item source", with(t, amendLine, "target", raw(`{"type":"item","id":"IT-1"}`), "set", raw(`{"source":"SRC-2"}`)),
			[]vigil.FieldError{fe("set.source", "cannot be amended: it is fixed when the item is recorded (retract the item and record it anew)")}},
		{"amend id", with(t, amendLine, "set", raw(`{"id":"SUB-9"}`)),
			[]vigil.FieldError{fe("set.id", "cannot be amended: it is fixed when the subject is recorded")}},
		{"amend link from", with(t, amendLine, "target", raw(`{"type":"link","id":"L-1"}`), "set", raw(`{"from":"SUB-3"}`)),
			[]vigil.FieldError{fe("set.from", "cannot be amended: it is fixed when the link is recorded (retract the link and record it anew)")}},
		{"amend unknown field", with(t, amendLine, "set", raw(`{"colour":"red"}`)), []vigil.FieldError{fe("set.colour", "unknown field of a subject")}},
		{"amend fields reported in order", with(t, amendLine, "set", raw(`{"zz":1,"id":"X","status":"closed","aa":2}`)), []vigil.FieldError{
			fe("set.aa", "unknown field of a subject"), fe("set.id", "cannot be amended: it is fixed when the subject is recorded"), fe("set.zz", "unknown field of a subject")}},
		{"amend clears status", with(t, amendLine, "set", raw(`{"status":null}`)), []vigil.FieldError{fe("set.status", "cannot be cleared: every subject has one")}},
		{"amend clears indicators", with(t, amendLine, "target", raw(`{"type":"item","id":"IT-1"}`), "set", raw(`{"indicators":null}`)),
			[]vigil.FieldError{fe("set.indicators", "cannot be cleared: every item has one")}},
		{"amend clears investigation subjects", with(t, amendLine, "target", raw(`{"type":"investigation","id":"INV-1"}`), "set", raw(`{"subjects":[]}`)),
			[]vigil.FieldError{fe("set.subjects", "empty: an investigation has at least one subject")}},
		{"amend clears a grade", with(t, amendLine, "target", raw(`{"type":"source","id":"SRC-1"}`), "set", raw(`{"evaluation":null}`)),
			[]vigil.FieldError{fe("set.evaluation", "cannot be cleared: every source has one")}},
		{"amend with a bad value", with(t, amendLine, "set", raw(`{"status":"gone"}`)), []vigil.FieldError{fe("set.status", `unknown value "gone": want one of priority, monitored, closed`)}},
		{"amend with an unknown indicator", with(t, amendLine, "target", raw(`{"type":"item","id":"IT-1"}`), "set", raw(`{"indicators":["x.y"]}`)),
			[]vigil.FieldError{fe("set.indicators[0]", `unknown indicator code "x.y" (catalogue v1)`)}},
		{"amend conditions alone", with(t, amendLine, "target", raw(`{"type":"item","id":"IT-1"}`), "set", raw(`{"conditions":"UK only"}`)),
			[]vigil.FieldError{fe("set.conditions", "amended only with the handling code they qualify: set handling or handling_5x5x5 too")}},
		{"amend two grades", with(t, amendLine, "target", raw(`{"type":"source","id":"SRC-1"}`), "set", raw(`{"evaluation":"1","admiralty":"A"}`)),
			[]vigil.FieldError{fe("set.admiralty", "give only one of evaluation, admiralty or evaluation_5x5x5 (also got evaluation)")}},
		{"amend an amendment", with(t, amendLine, "target", raw(`{"type":"amend","id":"amend:00"}`)),
			[]vigil.FieldError{fe("target.type", "only a source, a subject, an investigation, an item or a link can be amended, not an amend")}},
		{"amend unknown target type", with(t, amendLine, "target", raw(`{"type":"case","id":"C-1"}`)),
			[]vigil.FieldError{fe("target.type", `unknown value "case": want one of `+kinds)}},
		{"retract a subject", with(t, retractLine, "target", raw(`{"type":"subject","id":"SUB-1"}`)),
			[]vigil.FieldError{fe("target.type", "only an item or a link can be retracted, not a subject")}},
		{"retract with set", with(t, retractLine, "set", raw(`{"status":"closed"}`)), []vigil.FieldError{fe("set", "unknown field")}},

		// Identity objects.
		{"dob not a date", with(t, itemLine, "mentions", raw(`[{"full_name":"A B","dob":"1990-02-30"}]`)), []vigil.FieldError{fe("mentions[0].dob", `not a real date: "1990-02-30"`)}},
		{"dob format", with(t, subLine, "identity", raw(`{"dob":"02/01/1990"}`)), []vigil.FieldError{fe("identity.dob", `want YYYY, YYYY-MM or YYYY-MM-DD, got "02/01/1990"`)}},
		{"unknown identity field", with(t, subLine, "identity", raw(`{"full_name":"A B","religion":"x"}`)), []vigil.FieldError{fe("identity.religion", "unknown identity field")}},
		{"empty identity value", with(t, itemLine, "mentions", raw(`[{"full_name":""}]`)), []vigil.FieldError{fe("mentions[0].full_name", "empty value")}},
		{"list for a string", with(t, subLine, "identity", raw(`{"full_name":["A","B"]}`)), []vigil.FieldError{fe("identity.full_name", "want a string, got a list")}},
		{"object in a list", with(t, subLine, "identity", raw(`{"phone":[{"n":1}]}`)), []vigil.FieldError{fe("identity.phone[0]", "want a string, got an object")}},
		{"empty identity", with(t, subLine, "identity", raw(`{}`)), []vigil.FieldError{fe("identity", "identity object has no attributes")}},
		{"identity not an object", with(t, subLine, "identity", "A B"), []vigil.FieldError{fe("identity", "want an identity object, got a string")}},
		{"mention with a role only", with(t, itemLine, "mentions", raw(`[{"role":"victim"}]`)), []vigil.FieldError{fe("mentions[0]", "identity object has no attributes")}},
		{"mention with bad role and bad dob", with(t, itemLine, "mentions", raw(`[{"role":"x","dob":"1990-1-1"}]`)), []vigil.FieldError{
			fe("mentions[0].role", `unknown value "x": want one of subject, associate, victim, mentioned`),
			fe("mentions[0].dob", `want YYYY, YYYY-MM or YYYY-MM-DD, got "1990-1-1"`)}},
		{"identity on an item", with(t, itemLine, "identity", raw(`{"full_name":"A"}`)), []vigil.FieldError{fe("identity", "unknown field")}},

		// Several problems on one record are all reported.
		{"several problems", `{"type":"source","id":"S 1","kind":"spy","admiralty":"Z","x":1}`, []vigil.FieldError{
			fe("id", `id "S 1" contains spaces or control characters`),
			fe("kind", `unknown value "spy": want one of informant, intercept, hotline, community, partner, open_source, surveillance, other`),
			fe("admiralty", `admiralty reliability "Z": want one of A–F`),
			fe("x", "unknown field")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec, got := DecodeLine(1, []byte(tt.line), cat)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("DecodeLine(%s) problems (-want +got):\n%s", tt.line, diff)
			}
			if len(got) > 0 && rec.Kind != "" {
				t.Errorf("rejected record returned with kind %q", rec.Kind)
			}
			if len(got) == 0 && rec.Payload == nil {
				t.Errorf("accepted record has no payload")
			}
		})
	}
}

func TestDecodeInput(t *testing.T) {
	cat := catalogue.Default()
	tests := []struct {
		name      string
		in        string
		wantLines []int // lines of the records returned
		want      []vigil.FieldError
	}{
		{"empty input", "", nil, nil},
		{"one record, no final newline", srcLine, []int{1}, nil},
		{"byte-order mark and blank lines", "\xef\xbb\xbf" + srcLine + "\n\n   \n" + subLine + "\n\n", []int{1, 4}, nil},
		{"byte-order mark alone on the first line", "\xef\xbb\xbf\n" + srcLine + "\n", []int{2}, nil},
		{"CRLF line endings", srcLine + "\r\n" + subLine + "\r\n\r\n" + itemLine + "\r\n", []int{1, 2, 4}, nil},
		{"byte-order mark after line 1 is an error", srcLine + "\n\xef\xbb\xbf" + subLine + "\n", []int{1},
			[]vigil.FieldError{{Line: 2, Reason: "malformed JSON: invalid character 'ï' looking for beginning of value"}}},
		{"invalid UTF-8", srcLine + "\n" + `{"type":"subject","id":"SUB-` + "\xff" + `","status":"priority"}` + "\n" + subLine, []int{1, 3},
			[]vigil.FieldError{{Line: 2, Reason: "not valid UTF-8"}}},
		{"every bad line reported with its line number",
			strings.Join([]string{
				srcLine,
				`{"type":"source"`,
				subLine,
				with(t, subLine, "status", "gone"),
				"",
				with(t, itemLine, "assessment", "Z", "indicators", []string{"nope"}),
				invLine,
				`[]`,
			}, "\n"),
			[]int{1, 3, 7},
			[]vigil.FieldError{
				{Line: 2, Reason: "malformed JSON: unexpected end of JSON input"},
				{Line: 4, Field: "status", Reason: `unknown value "gone": want one of priority, monitored, closed`},
				{Line: 6, Field: "assessment", Reason: `3x5x2 intelligence assessment "Z": want one of A–E`},
				{Line: 6, Field: "indicators[0]", Reason: `unknown indicator code "nope" (catalogue v1)`},
				{Line: 8, Reason: "want a JSON object, got a list"},
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			recs, probs, err := Decode(strings.NewReader(tt.in), cat)
			if err != nil {
				t.Fatalf("Decode: %v", err)
			}
			var lines []int
			for _, r := range recs {
				lines = append(lines, r.Line)
			}
			if diff := cmp.Diff(tt.wantLines, lines); diff != "" {
				t.Errorf("record lines (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.want, probs); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
		})
	}
}

// A line of 10 MB is reported as too long without holding it in memory,
// and the records after it keep their line numbers.
func TestDecodeLongLine(t *testing.T) {
	long := `{"type":"item","summary":"` + strings.Repeat("x", 10<<20) + `"}`
	for _, size := range []int{MaxLine + 1, 10 << 20} {
		in := srcLine + "\n" + long[:size] + "\n" + subLine + "\n"
		recs, probs, err := Decode(strings.NewReader(in), catalogue.Default())
		if err != nil {
			t.Fatalf("Decode: %v", err)
		}
		want := []vigil.FieldError{{Line: 2, Reason: "line longer than 1048576 bytes"}}
		if diff := cmp.Diff(want, probs); diff != "" {
			t.Errorf("%d-byte line: problems (-want +got):\n%s", size, diff)
		}
		if len(recs) != 2 || recs[0].Line != 1 || recs[1].Line != 3 || recs[1].Kind != vigil.KindSubject {
			t.Errorf("%d-byte line: records %+v, want lines 1 and 3", size, recs)
		}
	}
	// Exactly MaxLine bytes, with either line ending, is still a line.
	line := with(t, srcLine, "originator", "")
	line = line[:len(line)-1] + strings.Repeat(" ", MaxLine-len(line)) + "}"
	for _, end := range []string{"\n", "\r\n", ""} {
		_, probs, err := Decode(strings.NewReader(line+end), catalogue.Default())
		if err != nil || len(probs) != 1 || probs[0].Field != "originator" {
			t.Errorf("%d-byte line ending %q: problems %v, err %v; want only the empty originator", len(line), end, probs, err)
		}
	}
}

type failingReader struct{ n int }

func (r *failingReader) Read(p []byte) (int, error) {
	if r.n == 0 {
		r.n++
		return copy(p, srcLine+"\n"+subLine[:10]), nil
	}
	return 0, errRead
}

var errRead = &vigil.Error{Code: vigil.EUnavailable, Message: "disk gone"}

func TestDecodeReadError(t *testing.T) {
	recs, probs, err := Decode(&failingReader{}, catalogue.Default())
	if err == nil || vigil.ErrorCode(err) != vigil.EUnavailable {
		t.Fatalf("Decode error = %v, want the reader's", err)
	}
	if recs != nil || probs != nil {
		t.Errorf("Decode returned %d records and %d problems with an error", len(recs), len(probs))
	}
	if !strings.Contains(err.Error(), "read line 2") {
		t.Errorf("error %q does not name the line", err)
	}
}

// Decoding without a catalogue (replaying the log) accepts any indicator
// code, still checking its form.
func TestDecodeLineWithoutCatalogue(t *testing.T) {
	rec, probs := DecodeLine(1, []byte(with(t, itemLine, "indicators", []string{"retired.code"})), nil)
	if len(probs) > 0 {
		t.Fatalf("problems: %v", probs)
	}
	if diff := cmp.Diff([]string{"retired.code"}, rec.Item.Indicators); diff != "" {
		t.Errorf("indicators (-want +got):\n%s", diff)
	}
	_, probs = DecodeLine(1, []byte(with(t, itemLine, "indicators", []string{" "})), nil)
	if diff := cmp.Diff([]vigil.FieldError{fe("indicators[0]", "empty")}, probs); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
}

func TestCompartmentNotAmendable(t *testing.T) {
	for _, kind := range []string{"subject", "investigation", "item"} {
		line := `{"type":"amend","target":{"type":"` + kind + `","id":"X-1"},"set":{"compartment":"OP-Y"},"effective_at":"2026-01-05T00:00:00Z","rationale":"move"}`
		_, probs := DecodeLine(1, []byte(line), catalogue.Default())
		if len(probs) != 1 || probs[0].Field != "set.compartment" || !strings.Contains(probs[0].Reason, "access decision") {
			t.Errorf("amend %s compartment: got %v, want one problem at set.compartment naming an access decision", kind, probs)
		}
	}
}
