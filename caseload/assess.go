package caseload

import (
	"slices"
	"time"

	"github.com/vigil-oss/vigil"
	"github.com/vigil-oss/vigil/risk"
)

// view is the moment a query asks about: the world at at, as recorded in the first known
// events of the log.
type view struct {
	at    time.Time
	ns    int64 // at in Unix nanoseconds
	known uint64
}

func newView(at time.Time, known uint64) view {
	return view{at: at.UTC(), ns: at.UnixNano(), known: known}
}

// earlier returns the same view d before.
func (v view) earlier(d time.Duration) view { return newView(v.at.Add(-d), v.known) }

// itemState is an item as it stood at a view.
type itemState struct {
	grade      uint8
	indicators uint32
	subjects   []assignment
	occurred   int64
	derived    bool
	retracted  int64
}

// itemAt applies the item's amendments and retractions in force at v. ok is false when
// the item was not yet received or not yet recorded.
func (e *Engine) itemAt(x *item, v view) (s itemState, ok bool) {
	if x.seq >= v.known || x.received > v.ns {
		return s, false
	}
	s = itemState{grade: x.grade, indicators: x.indicators, subjects: e.subjectsOf(x),
		occurred: x.occurred, derived: x.derived, retracted: never}
	if x.changes < 0 {
		return s, true
	}
	ch := &e.changes[x.changes]
	ch.patches.each(v.ns, v.known, func(p *itemSet) {
		if p.grade != nil {
			s.grade = *p.grade
		}
		if p.indicators != nil {
			s.indicators = *p.indicators
		}
		if p.subjects != nil {
			s.subjects = p.subjects
		}
		if p.occurred != nil {
			s.occurred = *p.occurred
		}
		if p.derived != nil {
			s.derived = *p.derived
		}
	})
	// Whether a retraction is in force is the risk model's question (it compares the
	// effective time with at); here only which are known, and the earliest of those.
	for _, r := range ch.retractions {
		if r.seq < v.known {
			s.retracted = min(s.retracted, r.eff)
		}
	}
	return s, true
}

// sourceAt returns a source's grade (an index into e.sgrades.values) and originator in force at
// v.
func (e *Engine) sourceAt(i int32, v view) (uint8, string) {
	src := &e.sources[i]
	g, o := src.grade, src.originator
	src.patches.each(v.ns, v.known, func(p *sourceSet) {
		if p.grade != nil {
			g = *p.grade
		}
		if p.originator != nil {
			o = *p.originator
		}
	})
	return g, o
}

// statusAt returns a subject's status in force at v.
func (e *Engine) statusAt(s int32, v view) vigil.Status {
	sub := &e.subjects[s]
	st := sub.status
	sub.patches.each(v.ns, v.known, func(p *vigil.Status) { st = *p })
	return st
}

// riskItems returns the subject's items as the risk model sees them at v, under catalogue
// version ver: accuracies from its grade tables, and the subject's role in each item.
// The returned items mention only this subject. comps, if not nil, receives each item's
// compartment, in the same order.
func (e *Engine) riskItems(s int32, v view, ver *version, comps *[]uint16) []risk.Item {
	var w scratch
	items, _ := e.riskItemsInto(&w, s, v, ver, comps)
	return items
}

// scratch is one worker's reusable memory for assessing subject after subject.
type scratch struct {
	sc    risk.Scorer
	items []risk.Item
	then  []risk.Item
	as    []risk.Assignment
}

// riskItemsInto is riskItems into w's buffers, valid until its next use. static reports
// that no item or source of the subject has ever been amended or retracted, so that the
// items as they stood at any earlier moment are these, less those received since.
func (e *Engine) riskItemsInto(w *scratch, s int32, v view, ver *version, comps *[]uint16) (items []risk.Item, static bool) {
	sub := &e.subjects[s]
	out := w.items[:0]
	as := slices.Grow(w.as[:0], len(sub.items))[:len(sub.items)] // every item's Subjects
	static = true
	for k := range sub.items {
		en := &sub.items[k]
		if en.seq >= v.known || en.received > v.ns {
			continue
		}
		st := itemState{grade: en.grade, indicators: en.indicators, occurred: en.occurred, derived: en.derived, retracted: never}
		r := en.role
		if en.changed {
			static = false
			st, _ = e.itemAt(e.item(en.item), v)
			var named bool
			if r, named = roleIn(st.subjects, s); !named {
				continue
			}
		}
		src := &e.sources[en.source]
		g, orig := src.grade, src.originator
		if len(src.patches) > 0 {
			static = false
			g, orig = e.sourceAt(en.source, v)
		}
		p := ver.acc[g][st.grade]
		it := risk.Item{
			ID:         e.idOf(en.id),
			Source:     src.id,
			Originator: orig,
			Indicators: e.sets[st.indicators],
			// An ungraded item counts for nothing until graded; so does a grade the
			// catalogue has no value for (a table left out on load), rather than a guess.
			Graded:         p >= 0,
			P:              max(p, 0),
			SuspectedFalse: e.grades.values[st.grade].SuspectedFalse(),
			ReceivedAt:     time.Unix(0, en.received).UTC(),
			Derived:        st.derived,
		}
		if st.occurred != 0 {
			it.OccurredAt = time.Unix(0, st.occurred).UTC()
		}
		if st.retracted != never {
			it.RetractedAt = time.Unix(0, st.retracted).UTC()
		}
		k := len(out)
		as[k] = risk.Assignment{Subject: sub.id, Role: risk.Role(r.name())}
		it.Subjects = as[k : k+1 : k+1]
		out = append(out, it)
		if comps != nil {
			*comps = append(*comps, e.item(en.item).compartment)
		}
	}
	w.items, w.as = out, as
	return out, static
}

func roleIn(as []assignment, s int32) (role, bool) {
	for _, a := range as {
		if a.subject == s {
			return a.role, true
		}
	}
	return 0, false
}

// tierRank orders the tiers a board shows, highest first.
func tierRank(t vigil.Tier) int {
	switch t {
	case "P1":
		return 4
	case "P2":
		return 3
	case "P3":
		return 2
	case "M":
		return 1
	}
	return 0 // closed, or not yet set: not an open tier
}

// tierAt returns the highest tier in force at v among the subject's open investigations
// the actor may see; "M" when there is none and the subject is monitored; else nil.
func (e *Engine) tierAt(s int32, status vigil.Status, v view, a vigil.Actor) *vigil.Tier {
	var best vigil.Tier
	for _, i := range e.subjects[s].invs {
		inv := &e.invs[i]
		if inv.seq >= v.known || !a.CanSee(e.compartments.values[inv.compartment]) {
			continue
		}
		tier, members := inv.tier, inv.subjects
		inv.patches.each(v.ns, v.known, func(p *invSet) {
			if p.tier != nil {
				tier = *p.tier
			}
			if p.subjects != nil {
				members = p.subjects
			}
		})
		if tierRank(tier) > tierRank(best) && containsID(members, s) {
			best = tier
		}
	}
	if best == "" && status == vigil.StatusMonitored {
		best = "M"
	}
	if best == "" {
		return nil
	}
	return &best
}

func containsID(ids []int32, s int32) bool {
	for _, x := range ids {
		if x == s {
			return true
		}
	}
	return false
}
