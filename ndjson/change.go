package ndjson

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"slices"
	"strings"

	"github.com/vigil-oss/vigil"
)

// amendable lists, per kind, the fields an amendment may set. The rest —
// ids, received times, an item's source and mentions, a link's ends — are
// facts of record: to change them, retract and record anew. Compartments
// are not amendable either: moving a record between compartments changes
// who may see it, an access decision that needs its own control, not a
// data correction.
func amendable(k vigil.Kind) []string {
	switch k {
	case vigil.KindSource:
		return []string{"admiralty", "evaluation", "evaluation_5x5x5", "kind", "originator"}
	case vigil.KindSubject:
		return []string{"status"}
	case vigil.KindInvestigation:
		return []string{"name", "subjects", "tier"}
	case vigil.KindItem:
		return []string{"assessment", "conditions", "credibility", "derived_from",
			"handling", "handling_5x5x5", "indicators", "intelligence_5x5x5", "occurred_at",
			"subjects", "summary"}
	case vigil.KindLink:
		return []string{"item", "kind", "source"}
	}
	return nil
}

// clearable lists the amendable fields that an amendment may clear with
// null; the others every record of the kind must have.
func clearable(k vigil.Kind) []string {
	switch k {
	case vigil.KindSource:
		return []string{"originator"}
	case vigil.KindInvestigation:
		return []string{"tier"}
	case vigil.KindItem:
		return []string{"derived_from", "occurred_at", "summary"}
	case vigil.KindLink:
		return []string{"item", "source"}
	}
	return nil
}

// exclusive lists, per kind, the fields that hold one value between them:
// setting a lead field in an amendment replaces the whole value, so the
// other fields are cleared (and written as null in the canonical set). A
// source re-graded from Admiralty C to 3x5x2 no longer has an Admiralty
// grade; an item's conditions are replaced with its handling code.
func exclusive(k vigil.Kind) []group {
	switch k {
	case vigil.KindSource:
		g := []string{"admiralty", "evaluation", "evaluation_5x5x5"}
		return []group{{lead: g, all: g}}
	case vigil.KindItem:
		g := []string{"assessment", "credibility", "intelligence_5x5x5"}
		return []group{{lead: g, all: g},
			{lead: []string{"handling", "handling_5x5x5"}, all: []string{"conditions", "handling", "handling_5x5x5"}}}
	}
	return nil
}

type group struct{ lead, all []string }

func (d *decoder) target(kind vigil.Kind, allowed []vigil.Kind) (canonTarget, bool) {
	o := d.o
	raw, ok := o.raw("target")
	if !ok {
		o.fail("target", "required")
		return canonTarget{}, false
	}
	t, ok := o.child("target.", raw)
	if !ok {
		return canonTarget{}, false
	}
	c := canonTarget{Type: t.oneOf("type", true, strs(vigil.RecordKinds())), ID: t.id("id", true)}
	if c.Type != "" && !slices.Contains(allowed, vigil.Kind(c.Type)) {
		verb := map[vigil.Kind]string{vigil.KindAmend: "amended", vigil.KindRetract: "retracted"}[kind]
		t.fail("type", "only %s can be %s, not %s %s", orList(allowed), verb, article(c.Type), c.Type)
		c.Type = ""
	}
	t.finish()
	if c.Type == "" || c.ID == "" {
		return c, false
	}
	d.ref("target.id", vigil.Kind(c.Type), c.ID)
	return c, true
}

// orList writes kinds as "a source, a subject or an item".
func orList(kinds []vigil.Kind) string {
	s := make([]string, len(kinds))
	for i, k := range kinds {
		s[i] = article(string(k)) + " " + string(k)
	}
	if len(s) < 2 {
		return strings.Join(s, "")
	}
	return strings.Join(s[:len(s)-1], ", ") + " or " + s[len(s)-1]
}

func article(word string) string {
	if strings.ContainsRune("aeiou", rune(word[0])) {
		return "an"
	}
	return "a"
}

func (d *decoder) change(kind vigil.Kind) any {
	o := d.o
	c := canonChange{Type: string(kind)}
	allowed := []vigil.Kind{vigil.KindItem, vigil.KindLink}
	if kind == vigil.KindAmend {
		allowed = []vigil.Kind{vigil.KindSource, vigil.KindSubject, vigil.KindInvestigation, vigil.KindItem, vigil.KindLink}
	}
	target, targetOK := d.target(kind, allowed)
	c.Target = target
	effective := o.time("effective_at", true)
	c.EffectiveAt = formatTime(effective)
	c.Rationale = o.str("rationale", true, maxText)
	t := vigil.Target{Type: vigil.Kind(target.Type), ID: target.ID}
	if kind == vigil.KindRetract {
		d.rec.Retraction = &vigil.Retraction{Target: t, EffectiveAt: effective, Rationale: c.Rationale}
		return c
	}
	a := &vigil.Amendment{Target: t, EffectiveAt: effective, Rationale: c.Rationale}
	if raw, ok := o.raw("set"); !ok {
		o.fail("set", "required")
	} else if targetOK {
		c.Set, a.Set = d.set(t.Type, raw)
	}
	d.rec.Amendment = a
	return c
}

// set decodes an amendment's fields exactly as the target kind's own
// decoder would, so an amended value is held to the same rules.
func (d *decoder) set(kind vigil.Kind, raw []byte) (map[string]json.RawMessage, map[string][]byte) {
	sub, ok := d.o.child("set.", raw)
	if !ok {
		return nil, nil
	}
	if len(sub.fields) == 0 {
		d.o.fail("set", "sets no field")
		return nil, nil
	}
	before := len(*d.o.errs)
	groups := exclusive(kind)
	// leadSet reports whether another field of f's group is set, which
	// clears f anyway.
	leadSet := func(f string) bool {
		for _, g := range groups {
			if !slices.Contains(g.all, f) {
				continue
			}
			for _, l := range g.lead {
				if l != f && slices.ContainsFunc(sub.fields, func(x field) bool { return string(x.key) == l && !isNull(x.val) }) {
					return true
				}
			}
		}
		return false
	}
	order := make([]int, len(sub.fields))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return bytes.Compare(sub.fields[a].key, sub.fields[b].key) })
	var given, cleared []string
	for _, i := range order {
		f := &sub.fields[i]
		key := string(f.key)
		switch {
		case !slices.Contains(amendable(kind), key):
			if slices.Contains(knownFields(kind), key) {
				sub.fail(key, "cannot be amended: %s", fixedReason(kind, key))
			} else {
				sub.fail(key, "unknown field of %s %s", article(string(kind)), kind)
			}
			f.dropped = true
		case isNull(f.val):
			if !slices.Contains(clearable(kind), key) && !leadSet(key) {
				sub.fail(key, "cannot be cleared: every %s has one", kind)
			}
			cleared = append(cleared, key)
			f.dropped = true
		default:
			given = append(given, key)
		}
	}
	scratch := &vigil.Record{Kind: kind}
	inner := &decoder{o: sub, rec: scratch, partial: true, cat: d.cat}
	canon := inner.decode(kind)
	d.rec.Refs = append(d.rec.Refs, scratch.Refs...)
	sub.finish()
	if len(*d.o.errs) > before {
		return nil, nil
	}
	enc, err := marshal(canon)
	if err != nil {
		sub.fail("", "cannot encode: %v", err)
		return nil, nil
	}
	var m map[string]json.RawMessage
	_ = json.Unmarshal(enc, &m)
	delete(m, "type")
	// A value given but dropped by canonicalisation (an empty list) clears
	// the field, as null would.
	for _, f := range given {
		if _, ok := m[f]; ok {
			continue
		}
		if !slices.Contains(clearable(kind), f) {
			sub.fail(f, "empty: every %s has one", kind)
			continue
		}
		cleared = append(cleared, f)
	}
	for _, f := range cleared {
		m[f] = json.RawMessage("null")
	}
	for _, g := range groups {
		if slices.ContainsFunc(g.lead, func(l string) bool { _, ok := m[l]; return ok && !isNull(m[l]) }) {
			for _, f := range g.all {
				if _, ok := m[f]; !ok {
					m[f] = json.RawMessage("null")
				}
			}
		}
	}
	if len(*d.o.errs) > before {
		return nil, nil
	}
	set := make(map[string][]byte, len(m))
	for f, v := range m {
		set[f] = v
	}
	return m, set
}

// fixedReason says why a field cannot be amended and what to do instead.
func fixedReason(k vigil.Kind, field string) string {
	if field == "compartment" {
		return "moving a " + string(k) + " between compartments changes who may see it: an access decision, not an amendment"
	}
	switch k {
	case vigil.KindItem, vigil.KindLink:
		return "it is fixed when the " + string(k) + " is recorded (retract the " + string(k) + " and record it anew)"
	}
	return "it is fixed when the " + string(k) + " is recorded"
}

// knownFields lists every field of a kind, for telling unknown fields from
// fields that exist but cannot be amended.
func knownFields(k vigil.Kind) []string {
	switch k {
	case vigil.KindSource:
		return []string{"admiralty", "evaluation", "evaluation_5x5x5", "id", "kind", "originator", "type"}
	case vigil.KindSubject:
		return []string{"compartment", "id", "identity", "status", "type"}
	case vigil.KindInvestigation:
		return []string{"compartment", "id", "name", "subjects", "tier", "type"}
	case vigil.KindItem:
		return []string{"assessment", "compartment", "conditions", "credibility", "derived_from",
			"handling", "handling_5x5x5", "id", "indicators", "intelligence_5x5x5", "mentions",
			"occurred_at", "received_at", "source", "subjects", "summary", "type"}
	case vigil.KindLink:
		return []string{"from", "id", "item", "kind", "received_at", "source", "to", "type"}
	}
	return nil
}

// changeID derives an amendment's or retraction's id from its canonical
// payload: identical changes share an id, so re-importing one is a no-op.
func changeID(kind vigil.Kind, sum [32]byte) string {
	return string(kind) + ":" + strings.ToLower(hex.EncodeToString(sum[:16]))
}
