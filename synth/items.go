package synth

import (
	"container/heap"
	"math"
	"math/rand/v2"
	"slices"
)

// draft is the item being written.
type draft struct {
	num       int
	t, occ    int64
	src       int32
	derived   int
	better    bool // graded as corroborated reporting
	malicious bool
	comp      string
	handlingC bool
}

// writeItems streams the items in received order. Background reporting
// fills evenly spaced slots across the period; scheduled events
// (escalations, malicious calls, relayed reports) are merged in by time.
// Each relayed report cancels one later background slot, so the total is
// exactly Config.Items.
func (g *gen) writeItems() {
	n := g.cfg.Items
	nBg := n - len(g.queue)
	span := g.end - g.start
	r := g.items
	wantChanges := int(math.Round(g.cfg.ChangeShare * float64(n)))
	bgNext, skip := 0, 0
	var next int64
	have := false
	for emitted := 0; emitted < n; emitted++ {
		if !have && bgNext < nBg {
			next = g.start + int64(float64(span)*(float64(bgNext)+r.Float64())/float64(nBg))
			have = true
		}
		var d draft
		switch {
		case len(g.queue) > 0 && (!have || g.queue[0].t <= next):
			e := heap.Pop(&g.queue).(event)
			d = g.fromEvent(e, emitted+1)
		case have:
			bgNext++
			have = false
			if skip > 0 {
				skip--
				emitted--
				continue
			}
			d = g.background(next, emitted+1)
		default:
			panic("synth: item schedule exhausted early") // unreachable: each relay cancels a slot
		}
		if g.maybeRelay(&d, nBg-bgNext-skip) {
			skip++
		}
		g.writeItem(&d)
		if len(g.changes) < wantChanges && r.Float64()*float64(n-emitted) < float64(wantChanges-len(g.changes)) {
			c := change{num: d.num, recv: d.t, scheme: g.sources[d.src].scheme, handlingC: d.handlingC,
				malicious: d.malicious, hasOcc: d.occ != 0, nind: int8(min(len(g.ind), 2))}
			copy(c.ind[:], g.ind)
			g.changes = append(g.changes, c)
		}
	}
	g.stats.Items = n
}

func (g *gen) pickSource(r *rand.Rand) int32 {
	return g.srcIdx[pickCum(g.srcCum, r.Float64())]
}

// pickGoodSource prefers sources whose reporting has proved reliable, as
// reporting on attack planning mostly comes from them.
func (g *gen) pickGoodSource(r *rand.Rand) int32 {
	s := g.pickSource(r)
	for range 3 {
		if g.sources[s].quality <= 0.6 {
			break
		}
		s = g.pickSource(r)
	}
	return s
}

// pickSubject favours priority subjects, and within each status the front
// of a shuffled list, so reporting is uneven as it is in life.
func (g *gen) pickSubject(r *rand.Rand) int32 {
	u := r.Float64()
	c := statusClosed
	switch {
	case u < 0.42:
		c = statusPriority
	case u < 0.95:
		c = statusMonitored
	}
	for len(g.byClass[c]) == 0 {
		c = (c + 1) % 3
	}
	l := g.byClass[c]
	v := r.Float64()
	return l[int(float64(len(l))*v*math.Sqrt(v))]
}

func (g *gen) addIndicator(i int) {
	if !slices.Contains(g.ind, int8(i)) {
		g.ind = append(g.ind, int8(i))
	}
}

func (g *gen) background(t int64, num int) draft {
	r := g.items
	d := draft{num: num, t: t, src: g.pickSource(r)}
	g.refs, g.ind = g.refs[:0], g.ind[:0]
	if g.ringN > 0 && r.Float64() < 0.02 {
		rc := g.ring[r.IntN(min(g.ringN, len(g.ring)))]
		d.derived = rc.num
		g.refs = append(g.refs, ref{subj: rc.subj})
		for _, i := range rc.ind[:rc.nind] {
			g.addIndicator(int(i))
		}
		g.summary = append(g.summary[:0], "Summary of earlier reporting: the subject "...)
		g.summary = append(g.summary, g.phrase(r, g.ind, 0)...)
		g.finish(&d)
		return d
	}
	s := g.pickSubject(r)
	g.refs = append(g.refs, ref{subj: s})
	if r.Float64() < 0.12 {
		g.addSecond(r, s)
	}
	switch u := r.Float64(); {
	case u < 0.5:
	case u < 0.88:
		g.addIndicator(pickCum(g.bgCum[:], r.Float64()))
	default:
		g.addIndicator(pickCum(g.bgCum[:], r.Float64()))
		g.addIndicator(pickCum(g.bgCum[:], r.Float64()))
	}
	if r.Float64() < 0.6 {
		d.occ = t - int64(r.ExpFloat64()*4*day)
		d.occ = max(d.occ, t-60*day)
	}
	if r.Float64() < g.cfg.MentionShare {
		g.addMentions(r)
	}
	g.sentence(r, d.src)
	g.finish(&d)
	return d
}

// addSecond names a second person in the item, most often a fellow member
// of the first subject's investigation.
func (g *gen) addSecond(r *rand.Rand, s int32) {
	o := int32(-1)
	if inv := g.people[s].inv; inv >= 0 && len(g.invs[inv]) > 1 {
		o = pick(r, g.invs[inv])
	} else {
		o = g.pickSubject(r)
	}
	if o == s {
		return
	}
	role := ""
	switch u := r.Float64(); {
	case u < 0.5:
		role = "associate"
	case u < 0.8:
	case u < 0.9:
		role = "mentioned"
	default:
		role = "victim"
	}
	g.refs = append(g.refs, ref{subj: o, role: role})
}

func (g *gen) fromEvent(e event, num int) draft {
	r := g.items
	d := draft{num: num, t: e.t}
	g.refs, g.ind = g.refs[:0], g.ind[:0]
	g.refs = append(g.refs, ref{subj: e.subj})
	switch e.kind {
	case evEscalation:
		d.src, d.better = g.pickGoodSource(r), true
		st := g.stages[e.stage]
		g.addIndicator(pick(r, st))
		switch u := r.Float64(); {
		case u < 0.4:
			g.addIndicator(pick(r, st))
		case u < 0.55 && e.stage > 0:
			g.addIndicator(pick(r, g.stages[e.stage-1]))
		}
		if e.stage == 3 && !slices.ContainsFunc(g.ind, func(i int8) bool { return i >= indPlanning && i <= indImplementation }) {
			g.addIndicator(indPlanning)
		}
		if r.Float64() < 0.15 {
			g.addSecond(r, e.subj)
		}
		if r.Float64() < 0.7 {
			d.occ = e.t - int64(r.ExpFloat64()*2*day)
		}
		g.sentence(r, d.src)
	case evProtective:
		d.src, d.better = g.pickGoodSource(r), true
		g.addIndicator(pick(r, []int{indDisengagement, indIntervention}))
		g.sentence(r, d.src)
	case evMalicious:
		d.src, d.malicious = e.src, true
		g.addIndicator(pick(r, []int{indThreat, indPlanning, indLeakage, indWeapons}))
		g.summary = append(g.summary[:0], "Anonymous caller alleges that the subject "...)
		g.summary = append(g.summary, g.phrase(r, g.ind, 0)...)
		g.summary = append(g.summary, " No detail is offered to support the claim."...)
	case evEcho:
		d.src = e.src
		for _, i := range e.ind[:e.nind] {
			g.addIndicator(int(i))
		}
		g.sentence(r, d.src)
	}
	if e.kind != evMalicious && r.Float64() < g.cfg.MentionShare {
		g.addMentions(r)
		if len(g.refs) == 0 {
			g.sentence(r, d.src)
		}
	}
	g.finish(&d)
	return d
}

// maybeRelay schedules the same report from another partner relaying the
// same originator a few days later: circular reporting, which must not
// count as corroboration. It needs a background slot to cancel.
func (g *gen) maybeRelay(d *draft, freeSlots int) bool {
	s := g.sources[d.src]
	if s.group < 0 || freeSlots < 1 || d.malicious || len(g.refs) == 0 || g.refs[0].role != "" {
		return false
	}
	r := g.items
	if r.Float64() >= 0.35 {
		return false
	}
	t := d.t + int64(1+r.IntN(10))*day + r.Int64N(day)
	if t > g.end {
		return false
	}
	grp := g.groups[s.group]
	other := pick(r, grp)
	if other == d.src {
		return false
	}
	e := event{t: t, kind: evEcho, subj: g.refs[0].subj, src: other, nind: int8(min(len(g.ind), 2))}
	for i := range int(e.nind) {
		e.ind[i] = g.ind[i]
	}
	g.push(e)
	return true
}

// sentence writes a summary from the source's kind and the indicators.
func (g *gen) sentence(r *rand.Rand, src int32) {
	who, also := " the subject ", " The subject also "
	if len(g.refs) == 0 {
		who, also = " a person named in the report ", " The same person also "
	}
	g.summary = append(g.summary[:0], pick(r, g.openers[g.sources[src].kind])...)
	g.summary = append(g.summary, who...)
	g.summary = append(g.summary, g.phrase(r, g.ind, 0)...)
	if len(g.ind) > 1 {
		g.summary = append(g.summary, also...)
		g.summary = append(g.summary, g.phrase(r, g.ind, 1)...)
	}
}

func (g *gen) phrase(r *rand.Rand, ind []int8, k int) string {
	if k < len(ind) {
		return pick(r, g.phrases[ind[k]])
	}
	return pick(r, g.phrases[numIndicators])
}

// finish settles the draft's compartment.
func (g *gen) finish(d *draft) {
	if len(g.refs) > 0 {
		p := &g.people[g.refs[0].subj]
		if p.compartment != "" && g.items.Float64() < 0.5 {
			d.comp = p.compartment
		}
	}
}

func (g *gen) writeItem(d *draft) {
	r := g.items
	s := g.sources[d.src]
	b := g.b
	b = append(b, `{"type":"item","id":`...)
	b = appendID(b, "ITM-", d.num, 8)
	b = append(b, `,"received_at":`...)
	b = appendTime(b, d.t)
	if d.occ != 0 {
		b = append(b, `,"occurred_at":`...)
		b = appendTime(b, max(d.occ, 0))
	}
	b = append(b, `,"source":`...)
	b = appendID(b, "SRC-", int(d.src)+1, 4)
	// The information grade, in the source's own scheme.
	x := r.Float64()*0.75 + s.quality*0.25
	if d.better {
		x *= 0.6
	}
	switch s.scheme {
	case schemeUK:
		code := byte('A' + pickCum([]float64{0.13, 0.40, 0.72, 0.97, 1}, x))
		if d.malicious {
			code = 'E'
		}
		b = append(b, `,"assessment":"`...)
		b = append(b, code, '"')
	case schemeAdmiralty:
		b = append(b, `,"credibility":"`...)
		b = append(b, byte('1'+pickCum([]float64{0.12, 0.38, 0.70, 0.90, 0.96, 1}, x)), '"')
	default:
		b = append(b, `,"intelligence_5x5x5":"`...)
		b = append(b, byte('1'+pickCum([]float64{0.15, 0.45, 0.80, 0.97, 1}, x)), '"')
	}
	if s.scheme == schemeFive {
		b = append(b, `,"handling_5x5x5":"`...)
		b = append(b, byte('1'+pickCum([]float64{10, 35, 80, 95, 100}, r.Float64())), '"')
	} else if r.Float64() < 0.15 {
		d.handlingC = true
		b = append(b, `,"handling":"C","conditions":`...)
		b = appendString(b, pick(r, g.conds))
	} else {
		b = append(b, `,"handling":"P"`...)
	}
	if len(g.refs) > 0 {
		b = append(b, `,"subjects":[`...)
		for j, rf := range g.refs {
			if j > 0 {
				b = append(b, ',')
			}
			role := rf.role
			if role == "" && r.Float64() < 0.05 {
				role = "subject"
			}
			if role == "" {
				b = appendID(b, "SUB-", int(rf.subj)+1, 6)
				continue
			}
			b = append(b, `{"id":`...)
			b = appendID(b, "SUB-", int(rf.subj)+1, 6)
			b = append(b, `,"role":"`...)
			b = append(b, role...)
			b = append(b, `"}`...)
		}
		b = append(b, ']')
	}
	if len(g.mentions) > 0 {
		b = append(b, `,"mentions":[`...)
		b = append(b, g.mentions...)
		b = append(b, ']')
		g.mentions = g.mentions[:0]
	}
	b = append(b, `,"indicators":[`...)
	for j, i := range g.ind {
		if j > 0 {
			b = append(b, ',')
		}
		b = append(b, '"')
		b = append(b, g.codes[i]...)
		b = append(b, '"')
	}
	b = append(b, ']')
	if d.derived > 0 {
		b = append(b, `,"derived_from":[`...)
		b = appendID(b, "ITM-", d.derived, 8)
		b = append(b, ']')
	}
	b = append(b, `,"summary":`...)
	b = appendString(b, g.summary)
	if d.comp != "" {
		b = append(b, `,"compartment":`...)
		b = appendString(b, d.comp)
	}
	g.b = append(b, '}')
	g.flushLine()
	if len(g.refs) > 0 && g.refs[0].role == "" && !d.malicious {
		rc := recent{num: d.num, subj: g.refs[0].subj, nind: int8(min(len(g.ind), 2))}
		copy(rc.ind[:], g.ind)
		g.ring[g.ringN%len(g.ring)] = rc
		g.ringN++
	}
}
