package ndjson

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/vigil-oss/vigil"
	"github.com/vigil-oss/vigil/catalogue"
)

func decodeOK(t *testing.T, line string) vigil.Record {
	t.Helper()
	rec, probs := DecodeLine(1, []byte(line), catalogue.Default())
	if len(probs) > 0 {
		t.Fatalf("DecodeLine(%s): %v", line, probs)
	}
	return rec
}

// Every reference field of every type is in Refs, with the JSON path a
// problem about it should name (the input's, not the canonical form's).
func TestRefs(t *testing.T) {
	tests := []struct {
		name string
		line string
		want []vigil.Ref
	}{
		{"source", srcLine, nil},
		{"subject", subLine, nil},
		{"investigation", with(t, invLine, "subjects", []string{"SUB-2", "SUB-1", "SUB-2"}), []vigil.Ref{
			{Field: "subjects[0]", Kind: vigil.KindSubject, ID: "SUB-2"},
			{Field: "subjects[1]", Kind: vigil.KindSubject, ID: "SUB-1"}}},
		{"item", with(t, itemLine,
			"subjects", raw(`["SUB-2",{"id":"SUB-1","role":"victim"},"SUB-2"]`),
			"derived_from", []string{"IT-9", "IT-8"}), []vigil.Ref{
			{Field: "source", Kind: vigil.KindSource, ID: "SRC-1"},
			{Field: "derived_from[0]", Kind: vigil.KindItem, ID: "IT-9"},
			{Field: "derived_from[1]", Kind: vigil.KindItem, ID: "IT-8"},
			{Field: "subjects[0]", Kind: vigil.KindSubject, ID: "SUB-2"},
			{Field: "subjects[1].id", Kind: vigil.KindSubject, ID: "SUB-1"}}},
		{"link", with(t, linkLine, "source", "SRC-1", "item", "IT-1"), []vigil.Ref{
			{Field: "from", Kind: vigil.KindSubject, ID: "SUB-1"},
			{Field: "to", Kind: vigil.KindSubject, ID: "SUB-2"},
			{Field: "source", Kind: vigil.KindSource, ID: "SRC-1"},
			{Field: "item", Kind: vigil.KindItem, ID: "IT-1"}}},
		{"retract", retractLine, []vigil.Ref{{Field: "target.id", Kind: vigil.KindItem, ID: "IT-1"}}},
		{"amend subject", amendLine, []vigil.Ref{{Field: "target.id", Kind: vigil.KindSubject, ID: "SUB-1"}}},
		{"amend item", with(t, amendLine, "target", raw(`{"type":"item","id":"IT-1"}`),
			"set", raw(`{"subjects":[{"id":"SUB-3","role":"associate"},"SUB-4"],"derived_from":["IT-0"]}`)), []vigil.Ref{
			{Field: "target.id", Kind: vigil.KindItem, ID: "IT-1"},
			{Field: "set.derived_from[0]", Kind: vigil.KindItem, ID: "IT-0"},
			{Field: "set.subjects[0].id", Kind: vigil.KindSubject, ID: "SUB-3"},
			{Field: "set.subjects[1]", Kind: vigil.KindSubject, ID: "SUB-4"}}},
		{"amend investigation", with(t, amendLine, "target", raw(`{"type":"investigation","id":"INV-1"}`), "set", raw(`{"subjects":["SUB-5"]}`)), []vigil.Ref{
			{Field: "target.id", Kind: vigil.KindInvestigation, ID: "INV-1"},
			{Field: "set.subjects[0]", Kind: vigil.KindSubject, ID: "SUB-5"}}},
		{"amend link", with(t, amendLine, "target", raw(`{"type":"link","id":"L-1"}`), "set", raw(`{"item":"IT-2","source":"SRC-2"}`)), []vigil.Ref{
			{Field: "target.id", Kind: vigil.KindLink, ID: "L-1"},
			{Field: "set.source", Kind: vigil.KindSource, ID: "SRC-2"},
			{Field: "set.item", Kind: vigil.KindItem, ID: "IT-2"}}},
		{"amend source", with(t, amendLine, "target", raw(`{"type":"source","id":"SRC-1"}`), "set", raw(`{"originator":"ORIG-1"}`)), []vigil.Ref{
			{Field: "target.id", Kind: vigil.KindSource, ID: "SRC-1"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := decodeOK(t, tt.line)
			if diff := cmp.Diff(tt.want, rec.Refs); diff != "" {
				t.Errorf("Refs (-want +got):\n%s", diff)
			}
		})
	}
}

func TestChangeIDs(t *testing.T) {
	id := func(line string) string { return decodeOK(t, line).ID }
	a := id(amendLine)
	if !strings.HasPrefix(a, "amend:") || len(a) != len("amend:")+32 {
		t.Errorf("amend id %q, want amend: and 32 hex digits", a)
	}
	r := id(retractLine)
	if !strings.HasPrefix(r, "retract:") {
		t.Errorf("retract id %q, want retract:…", r)
	}
	same := []string{
		amendLine,
		with(t, amendLine, "effective_at", "2026-01-03T01:00:00+01:00"),
		`{ "rationale":" disengaged","set":{"status":"monitored"},"effective_at":"2026-01-03T00:00:00Z","target":{"id":"SUB-1","type":"subject"},"type":"amend"}`,
	}
	for _, l := range same {
		if got := id(l); got != a {
			t.Errorf("id of %s = %s, want %s (the same change)", l, got, a)
		}
	}
	different := []string{
		with(t, amendLine, "effective_at", "2026-01-03T00:00:01Z"),
		with(t, amendLine, "rationale", "disengaged."),
		with(t, amendLine, "set", raw(`{"status":"closed"}`)),
		with(t, amendLine, "set", raw(`{"status":"priority"}`)),
		with(t, amendLine, "target", raw(`{"type":"subject","id":"SUB-2"}`)),
	}
	seen := map[string]string{a: amendLine}
	for _, l := range different {
		got := id(l)
		if prev, dup := seen[got]; dup {
			t.Errorf("%s and %s share id %s", l, prev, got)
		}
		seen[got] = l
	}
	if id(with(t, retractLine, "rationale", "other")) == r {
		t.Errorf("different retractions share an id")
	}
	// A retraction and an amendment never share an id.
	if a == r {
		t.Errorf("amend and retract ids equal")
	}
}

// The decoded structs carry what the payload says.
func TestDecodedFields(t *testing.T) {
	rec := decodeOK(t, with(t, itemLine, "received_at", "2026-01-02T11:00:00+01:00", "handling", "C", "conditions", " UK only ",
		"subjects", raw(`["SUB-2",{"id":"SUB-1","role":"victim"}]`), "mentions", raw(`[{"full_name":"A"},{"full_name":"B"}]`)))
	it := rec.Item
	if rec.Kind != vigil.KindItem || rec.ID != "IT-1" || rec.Line != 1 {
		t.Errorf("record %s %s line %d", rec.Kind, rec.ID, rec.Line)
	}
	if got := it.ReceivedAt.Format("2006-01-02T15:04:05Z07:00"); got != "2026-01-02T10:00:00Z" {
		t.Errorf("ReceivedAt %s, want UTC", got)
	}
	if it.Handling.Code != "C" || it.Handling.Conditions != "UK only" || it.Grade.Code != "B" || it.Mentions != 2 {
		t.Errorf("item %+v", it)
	}
	want := []vigil.SubjectRef{{ID: "SUB-1", Role: vigil.RoleVictim}, {ID: "SUB-2", Role: vigil.RoleSubject}}
	if diff := cmp.Diff(want, it.Subjects); diff != "" {
		t.Errorf("Subjects (-want +got):\n%s", diff)
	}
	am := decodeOK(t, with(t, amendLine, "target", raw(`{"type":"source","id":"SRC-1"}`), "set", raw(`{"admiralty":"C"}`))).Amendment
	wantSet := map[string][]byte{"admiralty": []byte(`"C"`), "evaluation": []byte("null"), "evaluation_5x5x5": []byte("null")}
	if diff := cmp.Diff(wantSet, am.Set); diff != "" {
		t.Errorf("Amendment.Set (-want +got):\n%s", diff)
	}
	if am.Target != (vigil.Target{Type: vigil.KindSource, ID: "SRC-1"}) {
		t.Errorf("Amendment.Target %+v", am.Target)
	}
}
