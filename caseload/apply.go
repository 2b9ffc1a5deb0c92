package caseload

import (
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"github.com/vigil-oss/vigil"
	"github.com/vigil-oss/vigil/catalogue"
	"github.com/vigil-oss/vigil/risk"
)

// apply adds one record from the store to the engine. A record already applied (the same
// id at the same log position) is skipped, so a Follow that failed part-way can be
// repeated.
func (e *Engine) apply(r *vigil.Record) error {
	switch {
	case r.Source != nil:
		return e.applySource(r.Seq, r.Source)
	case r.Subject != nil:
		return e.applySubject(r.Seq, r.Subject)
	case r.Investigation != nil:
		return e.applyInvestigation(r.Seq, r.Investigation)
	case r.Item != nil:
		return e.applyItem(r.Seq, r.Item)
	case r.Amendment != nil:
		return e.applyAmendment(r.Seq, r.Amendment)
	case r.Retraction != nil:
		e.applyRetraction(r.Seq, r.Retraction)
	case r.Decision != nil:
		return e.applyDecision(r.Seq, r.Decision)
	}
	// Links do not move a subject's risk: a neighbour's risk is shown beside a subject's
	// own, never added to it. The network view reads them from the store.
	return nil
}

func (e *Engine) source(id string) int32 {
	i, ok := e.sourceIDs[id]
	if !ok {
		i = int32(len(e.sources))
		e.sourceIDs[id] = i
		e.sources = append(e.sources, source{id: id})
	}
	return i
}

func (e *Engine) subject(id string) int32 {
	i, ok := e.subjectIDs[id]
	if !ok {
		i = int32(len(e.subjects))
		e.subjectIDs[id] = i
		e.subjects = append(e.subjects, subject{id: id, status: vigil.StatusClosed})
	}
	return i
}

func (e *Engine) applySource(seq uint64, s *vigil.Source) error {
	g, err := e.sgrades.intern(s.Grade)
	if err != nil {
		return err
	}
	src := &e.sources[e.source(s.ID)]
	src.seq, src.grade, src.originator = seq, g, s.Originator
	return nil
}

func (e *Engine) applySubject(seq uint64, s *vigil.Subject) error {
	comp, err := e.compartments.intern(s.Compartment)
	if err != nil {
		return err
	}
	sub := &e.subjects[e.subject(s.ID)]
	sub.seq, sub.exists, sub.status, sub.compartment = seq, true, s.Status, comp
	return nil
}

func (e *Engine) applyInvestigation(seq uint64, v *vigil.Investigation) error {
	comp, err := e.compartments.intern(v.Compartment)
	if err != nil {
		return err
	}
	i, ok := e.invIDs[v.ID]
	if ok && e.invs[i].seq == seq {
		return nil
	}
	if !ok {
		i = int32(len(e.invs))
		e.invIDs[v.ID] = i
		e.invs = append(e.invs, investigation{id: v.ID})
	}
	inv := &e.invs[i]
	inv.seq, inv.tier, inv.compartment = seq, v.Tier, comp
	inv.subjects = e.members(i, v.Subjects)
	return nil
}

// members interns an investigation's subjects and indexes the investigation under each.
func (e *Engine) members(inv int32, ids []string) []int32 {
	out := make([]int32, len(ids))
	for k, id := range ids {
		s := e.subject(id)
		out[k] = s
		if sub := &e.subjects[s]; !slices.Contains(sub.invs, inv) {
			sub.invs = append(sub.invs, inv)
		}
	}
	return out
}

func (e *Engine) applyItem(seq uint64, it *vigil.Item) error {
	i, found := e.lookup(it.ID)
	if found && e.item(i).seq == seq {
		return nil
	}
	g, err := e.grades.intern(it.Grade)
	if err != nil {
		return err
	}
	comp, err := e.compartments.intern(it.Compartment)
	if err != nil {
		return err
	}
	if !found {
		i = e.add(it.ID)
	}
	as := make([]assignment, len(it.Subjects))
	for k, ref := range it.Subjects {
		as[k] = assignment{subject: e.subject(ref.ID), role: roleOf(ref.Role)}
	}
	x := e.item(i)
	x.seq, x.received, x.occurred = seq, it.ReceivedAt.UnixNano(), unixOrZero(it.OccurredAt)
	x.source, x.grade, x.compartment = e.source(it.Source), g, comp
	x.indicators = e.set(it.Indicators)
	x.derived = len(it.DerivedFrom) > 0
	e.setSubjects(x, as)
	e.index(i, as, found)
	return nil
}

// index lists the item under each subject it names. known says the item may already be
// listed (an amendment adding subjects, a record applied again); a new item names each
// subject once, so it skips the search, which would otherwise cost a subject with n items
// n²/2 steps to load.
func (e *Engine) index(item int32, as []assignment, known bool) {
	x := e.item(item)
	for _, a := range as {
		sub := &e.subjects[a.subject]
		if known && slices.ContainsFunc(sub.items, func(en entry) bool { return en.item == item }) {
			continue
		}
		sub.items = append(sub.items, entry{
			seq: x.seq, received: x.received, occurred: x.occurred, id: x.id, source: x.source,
			indicators: x.indicators, item: item, grade: x.grade, derived: x.derived,
			role: a.role, changed: x.changes >= 0,
		})
	}
}

// markChanged flags the item's entries, under every subject it has ever named, as to be
// read with its changes.
func (e *Engine) markChanged(item int32) {
	mark := func(as []assignment) {
		for _, a := range as {
			for k := range e.subjects[a.subject].items {
				if en := &e.subjects[a.subject].items[k]; en.item == item {
					en.changed = true
				}
			}
		}
	}
	x := e.item(item)
	mark(e.subjectsOf(x))
	if x.changes >= 0 {
		for _, p := range e.changes[x.changes].patches {
			mark(p.set.subjects)
		}
	}
}

func unixOrZero(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixNano()
}

// changesOf returns item i's changes, creating them (and flagging its entries) on its
// first amendment or retraction.
func (e *Engine) changesOf(i int32) *itemChanges {
	x := e.item(i)
	if x.changes < 0 {
		x.changes = int32(len(e.changes))
		e.changes = append(e.changes, itemChanges{})
		e.markChanged(i)
	}
	return &e.changes[x.changes]
}

func (e *Engine) applyRetraction(seq uint64, r *vigil.Retraction) {
	if r.Target.Type != vigil.KindItem {
		return // a retracted link does not change anyone's risk
	}
	i, ok := e.lookup(r.Target.ID)
	if !ok {
		return
	}
	ch := e.changesOf(i)
	if !slices.ContainsFunc(ch.retractions, func(p patch[struct{}]) bool { return p.seq == seq }) {
		ch.retractions = append(ch.retractions, patch[struct{}]{eff: r.EffectiveAt.UnixNano(), seq: seq})
	}
}

func (e *Engine) applyDecision(seq uint64, d *vigil.Decision) error {
	if d.Type != vigil.DecisionCatalogue {
		return nil
	}
	if slices.ContainsFunc(e.versions, func(v version) bool { return v.seq == seq && seq > 0 }) {
		return nil
	}
	c, err := catalogue.Parse(d.Body)
	if err != nil {
		return err
	}
	ro, err := risk.OptionsFrom(c)
	if err != nil {
		return err
	}
	ro.Logger = e.opt.Logger
	e.versions = append(e.versions, version{eff: c.EffectiveFrom.UnixNano(), seq: seq, cat: c, opt: ro})
	return nil
}

// applyAmendment keeps the values an amendment sets that assessment uses; the rest
// (summaries, handling, names) are the store's to show.
func (e *Engine) applyAmendment(seq uint64, a *vigil.Amendment) error {
	eff := a.EffectiveAt.UnixNano()
	switch a.Target.Type {
	case vigil.KindItem:
		i, ok := e.lookup(a.Target.ID)
		if !ok {
			return nil
		}
		set, err := e.itemSet(a.Set)
		if err != nil {
			return err
		}
		ch := e.changesOf(i)
		if hasSeq(ch.patches, seq) {
			return nil
		}
		ch.patches.add(patch[itemSet]{eff: eff, seq: seq, set: set})
		if set.subjects != nil {
			e.index(i, set.subjects, true)
		}
	case vigil.KindSource:
		src := &e.sources[e.source(a.Target.ID)]
		set, err := e.sourceSetOf(a.Set)
		if err != nil {
			return err
		}
		if !hasSeq(src.patches, seq) {
			src.patches.add(patch[sourceSet]{eff: eff, seq: seq, set: set})
		}
	case vigil.KindSubject:
		raw, ok := a.Set["status"]
		if !ok {
			return nil
		}
		var st vigil.Status
		if err := json.Unmarshal(raw, &st); err != nil {
			return fmt.Errorf("status: %w", err)
		}
		sub := &e.subjects[e.subject(a.Target.ID)]
		if !hasSeq(sub.patches, seq) {
			sub.patches.add(patch[vigil.Status]{eff: eff, seq: seq, set: st})
		}
	case vigil.KindInvestigation:
		i, ok := e.invIDs[a.Target.ID]
		if !ok {
			return nil
		}
		set, err := e.invSetOf(i, a.Set)
		if err != nil {
			return err
		}
		if inv := &e.invs[i]; !hasSeq(inv.patches, seq) {
			inv.patches.add(patch[invSet]{eff: eff, seq: seq, set: set})
		}
	}
	return nil
}

func hasSeq[T any](ps patches[T], seq uint64) bool {
	return slices.ContainsFunc(ps, func(p patch[T]) bool { return p.seq == seq })
}
