package eventlog

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// The examples in FORMAT.md sections 7 and 8, byte for byte.
const (
	decisionExample     = `{"body":{"version":"2","effective_from":"2025-01-01T00:00:00Z"},"rationale":"Board minute 14.","subject":"SUBJ-1","type":"catalogue.load"}`
	consultationExample = `{"query":{"at":"2025-03-10T00:00:00Z","known_at":"2025-03-09T00:00:00Z"},"rows":50,"subjects":["SUBJ-1","SUBJ-2"],"what":"board"}`
)

func TestPayloadExamplesInFormat(t *testing.T) {
	doc, err := os.ReadFile(formatFile)
	if err != nil {
		t.Fatal(err)
	}
	for _, ex := range []string{decisionExample, consultationExample} {
		if !bytes.Contains(doc, []byte("    "+ex+"\n")) {
			t.Errorf("%s does not show the payload %s", formatFile, ex)
		}
	}
}

func TestDecisionPayload(t *testing.T) {
	d := Decision{
		// Whitespace goes; member order and string escapes inside stay.
		Body:      json.RawMessage("{\n  \"version\": \"2\",\n  \"effective_from\": \"2025-01-01T00:00:00Z\"\n}"),
		Rationale: "Board minute 14.",
		Subject:   "SUBJ-1",
		Type:      "catalogue.load",
	}
	b, err := d.Encode()
	if err != nil {
		t.Fatal(err)
	}
	if string(b) != decisionExample {
		t.Fatalf("Encode:\n got %s\nwant %s", b, decisionExample)
	}
	got, err := DecodeDecision(b)
	if err != nil {
		t.Fatal(err)
	}
	d.Body = json.RawMessage(`{"version":"2","effective_from":"2025-01-01T00:00:00Z"}`)
	if diff := cmp.Diff(d, got); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}

	t.Run("no subject, no HTML escaping", func(t *testing.T) {
		d := Decision{Body: json.RawMessage(`{}`), Rationale: "a <b> & \"c\"\n", Type: "x"}
		b, err := d.Encode()
		if err != nil {
			t.Fatal(err)
		}
		if want := `{"body":{},"rationale":"a <b> & \"c\"\n","type":"x"}`; string(b) != want {
			t.Errorf("Encode:\n got %s\nwant %s", b, want)
		}
	})

	t.Run("a body that is not an object is refused", func(t *testing.T) {
		for _, body := range []string{``, `[1]`, `{"a":`, `"s"`} {
			_, err := (&Decision{Body: json.RawMessage(body), Rationale: "r", Type: "x"}).Encode()
			var fe *FieldError
			if !errors.As(err, &fe) || fe.Field != "body" {
				t.Errorf("body %q: %v, want a field error for body", body, err)
			}
		}
	})

	for name, b := range map[string]string{
		"keys out of order":     `{"body":{},"type":"x","rationale":"r"}`,
		"whitespace":            `{"body": {},"rationale":"r","type":"x"}`,
		"empty subject":         `{"body":{},"rationale":"r","subject":"","type":"x"}`,
		"unknown member":        `{"body":{},"rationale":"r","type":"x","v":1}`,
		"missing type":          `{"body":{},"rationale":"r"}`,
		"escaped slash":         `{"body":{},"rationale":"a\/b","type":"x"}`,
		"HTML-escaped <":        `{"body":{},"rationale":"\u003c","type":"x"}`,
		"trailing bytes":        `{"body":{},"rationale":"r","type":"x"} `,
		"body not an object":    `{"body":[],"rationale":"r","type":"x"}`,
		"null rationale":        `{"body":{},"rationale":null,"type":"x"}`,
		"invalid UTF-8 in text": "{\"body\":{},\"rationale\":\"\xff\",\"type\":\"x\"}",
	} {
		if _, err := DecodeDecision([]byte(b)); err == nil {
			t.Errorf("DecodeDecision accepted %s: %s", name, b)
		}
	}
}

func TestConsultationPayload(t *testing.T) {
	c := Consultation{
		Query:    map[string]string{"known_at": "2025-03-09T00:00:00Z", "at": "2025-03-10T00:00:00Z"},
		Rows:     50,
		Subjects: []string{"SUBJ-2", "SUBJ-1", "SUBJ-2"},
		What:     "board",
	}
	b := c.Encode()
	if string(b) != consultationExample {
		t.Fatalf("Encode:\n got %s\nwant %s", b, consultationExample)
	}
	got, err := DecodeConsultation(b)
	if err != nil {
		t.Fatal(err)
	}
	c.Subjects = []string{"SUBJ-1", "SUBJ-2"}
	if diff := cmp.Diff(c, got); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}

	t.Run("empty lists and objects are [] and {}", func(t *testing.T) {
		b := (&Consultation{What: "explain"}).Encode()
		if want := `{"query":{},"rows":0,"subjects":[],"what":"explain"}`; string(b) != want {
			t.Errorf("Encode:\n got %s\nwant %s", b, want)
		}
		if _, err := DecodeConsultation(b); err != nil {
			t.Errorf("decode: %v", err)
		}
	})

	for name, b := range map[string]string{
		"subjects unsorted":       `{"query":{},"rows":0,"subjects":["b","a"],"what":"w"}`,
		"subjects repeated":       `{"query":{},"rows":0,"subjects":["a","a"],"what":"w"}`,
		"subjects null":           `{"query":{},"rows":0,"subjects":null,"what":"w"}`,
		"query keys out of order": `{"query":{"b":"1","a":"2"},"rows":0,"subjects":[],"what":"w"}`,
		"rows as a float":         `{"query":{},"rows":1.0,"subjects":[],"what":"w"}`,
		"missing what":            `{"query":{},"rows":0,"subjects":[]}`,
		"unknown member":          `{"query":{},"rows":0,"subjects":[],"v":1,"what":"w"}`,
	} {
		if _, err := DecodeConsultation([]byte(b)); err == nil {
			t.Errorf("DecodeConsultation accepted %s: %s", name, b)
		}
	}

	for _, tc := range []struct {
		c     Consultation
		field string
	}{
		{Consultation{}, "what"},
		{Consultation{What: "board", Rows: -1}, "rows"},
		{Consultation{What: "board", Subjects: []string{"S-1", ""}}, "subjects[1]"},
	} {
		var fe *FieldError
		if err := tc.c.Validate(); !errors.As(err, &fe) || fe.Field != tc.field {
			t.Errorf("Validate(%+v) = %v, want a field error for %s", tc.c, err, tc.field)
		}
	}
	if err := c.Validate(); err != nil {
		t.Errorf("Validate(%+v) = %v", c, err)
	}
}
