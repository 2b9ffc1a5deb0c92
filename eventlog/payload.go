package eventlog

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The kinds of the events Vigil records itself, beside imported records and
// erasures (FORMAT.md sections 7 and 8).
const (
	KindDecision     = "decision"
	KindConsultation = "consultation"
)

// Decision is the payload of a decision event. The decision's id, who made
// it, why and when are in the envelope.
type Decision struct {
	Body      json.RawMessage // the decision's content: a JSON object
	Rationale string
	Subject   string // "" when none
	Type      string
}

// Encode returns the canonical payload bytes (FORMAT.md section 7): members
// in sorted key order, the body compacted, subject omitted when empty.
func (d *Decision) Encode() ([]byte, error) {
	var body bytes.Buffer
	if err := json.Compact(&body, d.Body); err != nil {
		return nil, &FieldError{"body", "not JSON: " + err.Error()}
	}
	if body.Len() == 0 || body.Bytes()[0] != '{' {
		return nil, &FieldError{"body", "want a JSON object"}
	}
	b := make([]byte, 0, 64+body.Len()+len(d.Rationale))
	b = append(b, `{"body":`...)
	b = append(b, body.Bytes()...)
	b = appendMember(b, "rationale", d.Rationale)
	if d.Subject != "" {
		b = appendMember(b, "subject", d.Subject)
	}
	b = appendMember(b, "type", d.Type)
	return append(b, '}'), nil
}

// DecodeDecision parses a decision payload, accepting only the bytes Encode
// produces.
func DecodeDecision(b []byte) (Decision, error) {
	var w struct {
		Body      json.RawMessage `json:"body"`
		Rationale *string         `json:"rationale"`
		Subject   string          `json:"subject"`
		Type      *string         `json:"type"`
	}
	if err := decodeStrict(b, &w); err != nil {
		return Decision{}, fmt.Errorf("decode decision: %w", err)
	}
	switch {
	case w.Body == nil:
		return Decision{}, fmt.Errorf("decode decision: %w", &FieldError{"body", "missing"})
	case w.Rationale == nil:
		return Decision{}, fmt.Errorf("decode decision: %w", &FieldError{"rationale", "missing"})
	case w.Type == nil:
		return Decision{}, fmt.Errorf("decode decision: %w", &FieldError{"type", "missing"})
	}
	d := Decision{Body: w.Body, Rationale: *w.Rationale, Subject: w.Subject, Type: *w.Type}
	if enc, err := d.Encode(); err != nil || !bytes.Equal(enc, b) {
		return Decision{}, fmt.Errorf("decode decision: not in canonical form")
	}
	return d, nil
}

// Consultation is the payload of a consultation event: what someone read.
// Who read it, why and when are in the envelope.
type Consultation struct {
	Query    map[string]string // the parameters asked for
	Rows     int               // how many subjects a listing showed
	Subjects []string          // the subjects shown one by one
	What     string
}

// Validate checks the consultation can be recorded.
func (c *Consultation) Validate() error {
	if strings.TrimSpace(c.What) == "" {
		return &FieldError{"what", "missing: say what was read"}
	}
	if c.Rows < 0 {
		return &FieldError{"rows", fmt.Sprintf("%d is negative", c.Rows)}
	}
	for i, s := range c.Subjects {
		if s == "" {
			return &FieldError{fmt.Sprintf("subjects[%d]", i), "empty"}
		}
	}
	return nil
}

// Encode returns the canonical payload bytes (FORMAT.md section 8): members
// and query keys in sorted order, subjects as a sorted set, empty lists and
// objects as [] and {}.
func (c *Consultation) Encode() []byte {
	b := make([]byte, 0, 128)
	b = append(b, `{"query":`...)
	b = c.appendQuery(b)
	b = append(b, `,"rows":`...)
	b = strconv.AppendInt(b, int64(c.Rows), 10)
	b = append(b, `,"subjects":[`...)
	for i, s := range c.SortedSubjects() {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(b, s)
	}
	b = append(b, ']')
	b = appendMember(b, "what", c.What)
	return append(b, '}')
}

// QueryJSON returns the query as it stands in the payload: a JSON object
// with its keys sorted.
func (c *Consultation) QueryJSON() []byte { return c.appendQuery(nil) }

func (c *Consultation) appendQuery(b []byte) []byte {
	keys := make([]string, 0, len(c.Query))
	for k := range c.Query {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	b = append(b, '{')
	for i, k := range keys {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(b, k)
		b = append(b, ':')
		b = appendString(b, c.Query[k])
	}
	return append(b, '}')
}

// SortedSubjects returns the subjects sorted, each once.
func (c *Consultation) SortedSubjects() []string {
	s := slices.Clone(c.Subjects)
	slices.Sort(s)
	return slices.Compact(s)
}

// DecodeConsultation parses a consultation payload, accepting only the
// bytes Encode produces.
func DecodeConsultation(b []byte) (Consultation, error) {
	var w struct {
		Query    map[string]string `json:"query"`
		Rows     *int              `json:"rows"`
		Subjects []string          `json:"subjects"`
		What     *string           `json:"what"`
	}
	if err := decodeStrict(b, &w); err != nil {
		return Consultation{}, fmt.Errorf("decode consultation: %w", err)
	}
	switch {
	case w.Query == nil:
		return Consultation{}, fmt.Errorf("decode consultation: %w", &FieldError{"query", "missing"})
	case w.Rows == nil:
		return Consultation{}, fmt.Errorf("decode consultation: %w", &FieldError{"rows", "missing"})
	case w.Subjects == nil:
		return Consultation{}, fmt.Errorf("decode consultation: %w", &FieldError{"subjects", "missing"})
	case w.What == nil:
		return Consultation{}, fmt.Errorf("decode consultation: %w", &FieldError{"what", "missing"})
	}
	c := Consultation{Query: w.Query, Rows: *w.Rows, Subjects: w.Subjects, What: *w.What}
	if !bytes.Equal(c.Encode(), b) {
		return Consultation{}, fmt.Errorf("decode consultation: not in canonical form")
	}
	return c, nil
}

// decodeStrict decodes one JSON object of known members.
func decodeStrict(b []byte, v any) error {
	if !utf8.Valid(b) {
		return fmt.Errorf("invalid UTF-8")
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	return dec.Decode(v)
}
