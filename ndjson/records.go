package ndjson

import (
	"bytes"
	"encoding/json"
	"strings"
	"time"

	"github.com/vigil-oss/vigil"
	"github.com/vigil-oss/vigil/catalogue"
	"github.com/vigil-oss/vigil/grade"
	"github.com/vigil-oss/vigil/identity"
)

// Canonical forms. Fields are declared in alphabetical order of their JSON
// names, so encoding/json writes keys sorted; optional fields are omitted
// when empty, so absent and null encode alike. Identity objects, whose Go
// type keeps its fields in reading order, are encoded by encodeIdentity.

type canonSource struct {
	Admiralty     string `json:"admiralty,omitempty"`
	Evaluation    string `json:"evaluation,omitempty"`
	Evaluation5x5 string `json:"evaluation_5x5x5,omitempty"`
	ID            string `json:"id,omitempty"`
	Kind          string `json:"kind,omitempty"`
	Originator    string `json:"originator,omitempty"`
	Type          string `json:"type,omitempty"`
}

type canonSubject struct {
	Compartment string          `json:"compartment,omitempty"`
	ID          string          `json:"id,omitempty"`
	Identity    json.RawMessage `json:"identity,omitempty"` // from encodeIdentity
	Status      string          `json:"status,omitempty"`
	Type        string          `json:"type,omitempty"`
}

type canonInvestigation struct {
	Compartment string   `json:"compartment,omitempty"`
	ID          string   `json:"id,omitempty"`
	Name        string   `json:"name,omitempty"`
	Subjects    []string `json:"subjects,omitempty"`
	Tier        string   `json:"tier,omitempty"`
	Type        string   `json:"type,omitempty"`
}

type canonRef struct {
	ID   string `json:"id"`
	Role string `json:"role"`
}

type canonItem struct {
	Assessment  string          `json:"assessment,omitempty"`
	Compartment string          `json:"compartment,omitempty"`
	Conditions  string          `json:"conditions,omitempty"`
	Credibility string          `json:"credibility,omitempty"`
	DerivedFrom []string        `json:"derived_from,omitempty"`
	Handling    string          `json:"handling,omitempty"`
	Handling5x5 string          `json:"handling_5x5x5,omitempty"`
	ID          string          `json:"id,omitempty"`
	Indicators  *[]string       `json:"indicators,omitempty"`
	Intel5x5    string          `json:"intelligence_5x5x5,omitempty"`
	Mentions    json.RawMessage `json:"mentions,omitempty"`
	OccurredAt  string          `json:"occurred_at,omitempty"`
	ReceivedAt  string          `json:"received_at,omitempty"`
	Source      string          `json:"source,omitempty"`
	Subjects    []canonRef      `json:"subjects,omitempty"`
	Summary     string          `json:"summary,omitempty"`
	Type        string          `json:"type,omitempty"`
}

type canonLink struct {
	From       string `json:"from,omitempty"`
	ID         string `json:"id,omitempty"`
	Item       string `json:"item,omitempty"`
	Kind       string `json:"kind,omitempty"`
	ReceivedAt string `json:"received_at,omitempty"`
	Source     string `json:"source,omitempty"`
	To         string `json:"to,omitempty"`
	Type       string `json:"type,omitempty"`
}

type canonTarget struct {
	ID   string `json:"id"`
	Type string `json:"type"`
}

type canonChange struct {
	EffectiveAt string                     `json:"effective_at"`
	Rationale   string                     `json:"rationale"`
	Set         map[string]json.RawMessage `json:"set,omitempty"`
	Target      canonTarget                `json:"target"`
	Type        string                     `json:"type"`
}

const (
	maxID      = 200
	maxText    = 64 << 10 // summaries, rationales and conditions
	maxName    = 1000
	maxMention = 100
)

// formatTime is the canonical time form: RFC 3339 in UTC, fraction trimmed.
func formatTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339Nano)
}

func strs[T ~string](vs []T) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = string(v)
	}
	return out
}

// decoder turns one object into a record of its kind. With partial set, it
// reads only the fields present (for an amendment's set) and does not
// require any.
type decoder struct {
	o       *object
	rec     *vigil.Record
	partial bool
	cat     *catalogue.Catalogue
}

func (d *decoder) req() bool { return !d.partial }

func (d *decoder) ref(field string, kind vigil.Kind, id string) {
	if id != "" {
		if d.rec.Refs == nil {
			d.rec.Refs = make([]vigil.Ref, 0, 6)
		}
		d.rec.Refs = append(d.rec.Refs, vigil.Ref{Field: d.o.prefix + field, Kind: kind, ID: id})
	}
}

func (d *decoder) source() any {
	o := d.o
	c := canonSource{
		ID:         o.id("id", d.req()),
		Kind:       o.oneOf("kind", d.req(), strs(vigil.SourceKinds())),
		Originator: o.id("originator", false),
	}
	s := vigil.Source{ID: c.ID, Kind: vigil.SourceKind(c.Kind), Originator: c.Originator}
	type scheme struct {
		field string
		s     grade.Scheme
		dst   *string
	}
	var found []string
	for _, sc := range []scheme{{"evaluation", grade.UK, &c.Evaluation}, {"admiralty", grade.Admiralty, &c.Admiralty}, {"evaluation_5x5x5", grade.FiveByFive, &c.Evaluation5x5}} {
		if !o.has(sc.field) {
			continue
		}
		// Counted even when malformed, so a bad grade is reported as bad,
		// not also as missing.
		found = append(found, sc.field)
		code := o.str(sc.field, false, 8)
		if code == "" {
			continue
		}
		g, err := grade.ParseSource(sc.s, code)
		if err != nil {
			o.fail(sc.field, "%v", err)
			continue
		}
		*sc.dst, s.Grade = code, g
	}
	d.exactlyOne(found, "evaluation, admiralty or evaluation_5x5x5")
	d.rec.Source = &s
	c.Type = typeOf(d, vigil.KindSource)
	return c
}

// exactlyOne checks that one field of an alternative was given.
func (d *decoder) exactlyOne(found []string, names string) {
	switch {
	case len(found) > 1:
		d.o.fail(found[1], "give only one of %s (also got %s)", names, found[0])
	case len(found) == 0 && !d.partial:
		first, _, _ := strings.Cut(names, " ")
		d.o.fail(strings.TrimSuffix(first, ","), "required: one of %s", names)
	}
}

func (d *decoder) subject() any {
	o := d.o
	c := canonSubject{
		ID:          o.id("id", d.req()),
		Status:      o.oneOf("status", d.req(), strs(vigil.Statuses())),
		Compartment: o.id("compartment", false),
	}
	if raw, ok := o.raw("identity"); ok {
		id, probs := identity.Parse(raw)
		for _, p := range probs {
			o.fail(joinPath("identity", p.Field), "%s", p.Reason)
		}
		if len(probs) == 0 {
			c.Identity = encodeIdentity(id, "")
		}
	}
	d.rec.Subject = &vigil.Subject{ID: c.ID, Status: vigil.Status(c.Status), Compartment: c.Compartment}
	c.Type = typeOf(d, vigil.KindSubject)
	return c
}

// failedAt reports whether a problem was already found at field or inside it.
func (d *decoder) failedAt(field string) bool {
	path := d.o.prefix + field
	for _, e := range *d.o.errs {
		if e.Field == path || strings.HasPrefix(e.Field, path+".") || strings.HasPrefix(e.Field, path+"[") {
			return true
		}
	}
	return false
}

// encodeIdentity is the canonical encoding of an identity object (with the
// role of a mention, if any): keys sorted, lists already sorted sets.
func encodeIdentity(id identity.Identity, role string) json.RawMessage {
	m := make(map[string]any, 4)
	for _, a := range id.Attributes() {
		if identity.IsList(a.Field) {
			l, _ := m[a.Field].([]string)
			m[a.Field] = append(l, a.Value)
		} else {
			m[a.Field] = a.Value
		}
	}
	if role != "" {
		m["role"] = role
	}
	b, _ := marshal(m) // strings and lists of strings always encode
	return b
}

func joinPath(parent, field string) string {
	if field == "" {
		return parent
	}
	return parent + "." + field
}

func (d *decoder) investigation() any {
	o := d.o
	c := canonInvestigation{
		ID:   o.id("id", d.req()),
		Name: o.str("name", d.req(), maxName),
	}
	var at []idAt
	c.Subjects, at = o.ids("subjects", d.req())
	if o.has("subjects") && len(c.Subjects) == 0 && len(at) == 0 && !d.failedAt("subjects") {
		// The canonical form omits an empty list, so it would come back
		// as a missing one; an investigation is always into someone.
		o.fail("subjects", "empty: an investigation has at least one subject")
	}
	c.Tier = o.oneOf("tier", false, strs(vigil.Tiers()))
	c.Compartment = o.id("compartment", false)
	for _, a := range at {
		d.ref(a.path, vigil.KindSubject, a.id)
	}
	d.rec.Investigation = &vigil.Investigation{ID: c.ID, Name: c.Name, Subjects: c.Subjects,
		Tier: vigil.Tier(c.Tier), Compartment: c.Compartment}
	c.Type = typeOf(d, vigil.KindInvestigation)
	return c
}

func (d *decoder) link() any {
	o := d.o
	c := canonLink{
		ID:     o.id("id", d.req()),
		From:   o.id("from", d.req()),
		To:     o.id("to", d.req()),
		Kind:   o.oneOf("kind", d.req(), strs(vigil.LinkKinds())),
		Source: o.id("source", false),
		Item:   o.id("item", false),
	}
	received := o.time("received_at", d.req())
	c.ReceivedAt = formatTime(received)
	if c.From != "" && c.From == c.To {
		o.fail("to", "a link joins two different subjects, got %q twice", c.From)
	}
	d.ref("from", vigil.KindSubject, c.From)
	d.ref("to", vigil.KindSubject, c.To)
	d.ref("source", vigil.KindSource, c.Source)
	d.ref("item", vigil.KindItem, c.Item)
	d.rec.Link = &vigil.Link{ID: c.ID, From: c.From, To: c.To, Kind: vigil.LinkKind(c.Kind),
		ReceivedAt: received, Source: c.Source, Item: c.Item}
	c.Type = typeOf(d, vigil.KindLink)
	return c
}

// marshal is the canonical JSON encoding: encoding/json's (struct fields in
// declaration order, map keys sorted) without its HTML escaping of <, > and
// &, which would only make summaries harder to read in the stored payloads.
func marshal(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}
