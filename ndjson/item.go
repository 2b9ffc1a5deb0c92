package ndjson

import (
	"bytes"
	"encoding/json"
	"slices"
	"strconv"
	"strings"

	"github.com/vigil-oss/vigil"
	"github.com/vigil-oss/vigil/grade"
	"github.com/vigil-oss/vigil/identity"
)

func (d *decoder) item() any {
	o := d.o
	c := canonItem{
		ID:          o.id("id", d.req()),
		Source:      o.id("source", d.req()),
		Summary:     o.str("summary", false, maxText),
		Compartment: o.id("compartment", false),
	}
	var derived []idAt
	c.DerivedFrom, derived = o.ids("derived_from", false)
	it := vigil.Item{ID: c.ID, Source: c.Source, Summary: c.Summary, DerivedFrom: c.DerivedFrom, Compartment: c.Compartment}
	it.ReceivedAt = o.time("received_at", d.req())
	it.OccurredAt = o.time("occurred_at", false)
	c.ReceivedAt, c.OccurredAt = formatTime(it.ReceivedAt), formatTime(it.OccurredAt)
	d.ref("source", vigil.KindSource, c.Source)
	for _, a := range derived {
		if a.id == c.ID {
			o.fail(a.path, "an item cannot be derived from itself")
		}
		d.ref(a.path, vigil.KindItem, a.id)
	}
	it.Grade = d.itemGrade(&c)
	it.Handling = d.handling(&c)
	if o.has("indicators") || !d.partial {
		ind := d.indicators()
		c.Indicators, it.Indicators = &ind, ind
	}
	before := len(*o.errs)
	c.Subjects, it.Subjects = d.subjectRefs()
	c.Mentions, it.Mentions = d.mentions()
	if !d.partial && len(it.Subjects) == 0 && it.Mentions == 0 {
		switch {
		case !o.has("subjects") && !o.has("mentions"):
			o.fail("subjects", "required: an item names subjects, mentions, or both")
		case len(*o.errs) == before:
			// Empty lists: the canonical form would drop them and then
			// read as missing, and an item about no one scores no one.
			o.fail("subjects", "empty: an item names at least one subject or mention")
		}
	}
	d.rec.Item = &it
	c.Type = typeOf(d, vigil.KindItem)
	return c
}

func (d *decoder) itemGrade(c *canonItem) grade.InformationGrade {
	type scheme struct {
		field string
		s     grade.Scheme
		dst   *string
	}
	var g grade.InformationGrade
	var found []string
	for _, sc := range []scheme{{"assessment", grade.UK, &c.Assessment}, {"credibility", grade.Admiralty, &c.Credibility}, {"intelligence_5x5x5", grade.FiveByFive, &c.Intel5x5}} {
		code := d.o.str(sc.field, false, 8)
		if code == "" {
			continue
		}
		found = append(found, sc.field)
		parsed, err := grade.ParseInformation(sc.s, code)
		if err != nil {
			d.o.fail(sc.field, "%v", err)
			continue
		}
		*sc.dst, g = code, parsed
	}
	d.exactlyOne(found, "assessment, credibility or intelligence_5x5x5")
	return g
}

func (d *decoder) handling(c *canonItem) grade.Handling {
	o := d.o
	var found []string
	if o.has("handling") {
		found = append(found, "handling")
	}
	if o.has("handling_5x5x5") {
		found = append(found, "handling_5x5x5")
	}
	uk := o.str("handling", false, 8)
	five := o.str("handling_5x5x5", false, 8)
	conditions := o.str("conditions", false, maxText)
	d.exactlyOne(found, "handling or handling_5x5x5")
	var h grade.Handling
	var err error
	switch {
	case uk != "":
		h, err = grade.ParseHandling(grade.UK, uk, conditions)
		switch {
		case err == nil, d.failedAt("conditions"):
		case uk == "C":
			o.fail("conditions", "required with handling C: the conditions on sharing")
		case uk == "P":
			o.fail("conditions", "not allowed with handling P (use C to share with conditions)")
		default:
			o.fail("handling", "%v", err)
		}
	case five != "":
		h, err = grade.ParseHandling(grade.FiveByFive, five, conditions)
		if err != nil {
			o.fail("handling_5x5x5", "%v", err)
		}
	case conditions != "" && len(found) == 0:
		if d.partial {
			o.fail("conditions", "amended only with the handling code they qualify: set handling or handling_5x5x5 too")
		} else {
			o.fail("conditions", "conditions go with handling C")
		}
	}
	c.Handling, c.Handling5x5, c.Conditions = uk, five, conditions
	return h
}

func (d *decoder) indicators() []string {
	o := d.o
	v, ok := o.raw("indicators")
	if !ok {
		o.fail("indicators", "required (may be an empty list)")
		return []string{}
	}
	list, ok := splitArray(v)
	if !ok {
		o.fail("indicators", "want a list of indicator codes, got %s", describe(v))
		return []string{}
	}
	out := make([]string, 0, len(list))
	for i, e := range list {
		field := "indicators[" + strconv.Itoa(i) + "]"
		if e[0] != '"' {
			o.fail(field, "want an indicator code, got %s", describe(e))
			continue
		}
		code := o.strValue(field, e, maxID)
		if code == "" {
			continue
		}
		if d.cat == nil {
			out = append(out, code)
			continue
		}
		if _, known := d.cat.Indicator(code); !known {
			o.fail(field, "unknown indicator code %q (catalogue v%s)", code, d.cat.Version)
			continue
		}
		out = append(out, code)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// subjectRefs reads entries "ID" or {"id":…,"role":…}; role defaults to
// subject, and one subject may appear once.
func (d *decoder) subjectRefs() ([]canonRef, []vigil.SubjectRef) {
	o := d.o
	v, ok := o.raw("subjects")
	if !ok {
		return nil, nil
	}
	list, ok := splitArray(v)
	if !ok {
		o.fail("subjects", "want a list of subject ids, got %s", describe(v))
		return nil, nil
	}
	var canon []canonRef
	for i, e := range list {
		field := "subjects[" + strconv.Itoa(i) + "]"
		ref, path, ok := d.subjectRef(field, e)
		if !ok {
			continue
		}
		if j := slices.IndexFunc(canon, func(c canonRef) bool { return c.ID == ref.ID }); j >= 0 {
			if canon[j].Role != ref.Role {
				o.fail(field, "subject %q appears twice with different roles", ref.ID)
			}
			continue
		}
		canon = append(canon, ref)
		d.ref(path, vigil.KindSubject, ref.ID)
	}
	slices.SortFunc(canon, func(a, b canonRef) int { return strings.Compare(a.ID, b.ID) })
	refs := make([]vigil.SubjectRef, len(canon))
	for i, c := range canon {
		refs[i] = vigil.SubjectRef{ID: c.ID, Role: vigil.SubjectRole(c.Role)}
	}
	return canon, refs
}

// subjectRef reads one entry, returning it with the path of its id.
func (d *decoder) subjectRef(field string, e []byte) (canonRef, string, bool) {
	switch e[0] {
	case '"':
		id := d.o.idValue(field, e)
		return canonRef{ID: id, Role: string(vigil.RoleSubject)}, field, id != ""
	case '{':
	default:
		d.o.fail(field, `want a subject id or {"id":…,"role":…}, got %s`, describe(e))
		return canonRef{}, "", false
	}
	sub, ok := d.o.child(field+".", e)
	if !ok {
		return canonRef{}, "", false
	}
	id := sub.id("id", true)
	role := sub.oneOf("role", false, strs(vigil.SubjectRoles()))
	if role == "" {
		role = string(vigil.RoleSubject)
	}
	sub.finish()
	return canonRef{ID: id, Role: role}, field + ".id", id != ""
}

// mentions reads identity fragments, each with an optional role, and keeps
// them in a canonical order (sorted by their canonical encoding, duplicates
// dropped).
func (d *decoder) mentions() (json.RawMessage, int) {
	o := d.o
	v, ok := o.raw("mentions")
	if !ok {
		return nil, 0
	}
	list, ok := splitArray(v)
	if !ok {
		o.fail("mentions", "want a list of identity objects, got %s", describe(v))
		return nil, 0
	}
	if len(list) > maxMention {
		o.fail("mentions", "more than %d mentions", maxMention)
		return nil, 0
	}
	var enc [][]byte
	for i, e := range list {
		field := "mentions[" + strconv.Itoa(i) + "]"
		if e[0] != '{' {
			o.fail(field, "want an identity object, got %s", describe(e))
			continue
		}
		sub, ok := o.child(field+".", e)
		if !ok {
			continue
		}
		role := sub.oneOf("role", false, strs(vigil.SubjectRoles()))
		if role == "" {
			role = string(vigil.RoleSubject)
		}
		// The rest is the identity object, for package identity to read.
		rest := make([]byte, 0, len(e))
		rest = append(rest, '{')
		for _, f := range sub.fields {
			if string(f.key) == "role" {
				continue
			}
			if len(rest) > 1 {
				rest = append(rest, ',')
			}
			rest = append(append(append(rest, f.rawKey...), ':'), f.val...)
		}
		id, probs := identity.Parse(append(rest, '}'))
		for _, p := range probs {
			o.fail(joinPath(field, p.Field), "%s", p.Reason)
		}
		if len(probs) == 0 {
			enc = append(enc, encodeIdentity(id, role))
		}
	}
	slices.SortFunc(enc, bytes.Compare)
	enc = slices.CompactFunc(enc, bytes.Equal)
	if len(enc) == 0 {
		return nil, 0
	}
	out := []byte{'['}
	for i, e := range enc {
		if i > 0 {
			out = append(out, ',')
		}
		out = append(out, e...)
	}
	return append(out, ']'), len(enc)
}
