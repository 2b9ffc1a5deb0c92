package synth

import (
	"cmp"
	"slices"
)

// pending is a change line waiting to be written in effective-time order.
type pending struct {
	t    int64
	seq  int
	line []byte
}

// writeLinks writes links spread over the period, mostly between members of
// one investigation, some touching the escalating subjects.
func (g *gen) writeLinks() {
	r := g.links
	n := g.cfg.Links
	span := g.end - g.start
	kinds := []string{"communicates", "associate", "family", "co_located", "other"}
	kindCum := []float64{40, 70, 82, 95, 100}
	wantRetract := n / 250
	for i := range n {
		t := g.start + int64(float64(span)*(float64(i)+r.Float64())/float64(n))
		var from, to int32
		for from == to {
			u := r.Float64()
			switch {
			case u < 0.1 && len(g.escal) > 0:
				from = pick(r, g.escal)
				to = g.pickSubject(r)
				if inv := g.people[from].inv; inv >= 0 && len(g.invs[inv]) > 1 && r.Float64() < 0.5 {
					to = pick(r, g.invs[inv])
				}
			case u < 0.6 && len(g.invs) > 0:
				members := pick(r, g.invs)
				from, to = pick(r, members), pick(r, members)
				if len(members) < 2 {
					to = g.pickSubject(r)
				}
			default:
				from, to = g.pickSubject(r), int32(r.IntN(len(g.people)))
			}
		}
		b := append(g.b, `{"type":"link","id":`...)
		b = appendID(b, "LNK-", i+1, 6)
		b = append(b, `,"from":`...)
		b = appendID(b, "SUB-", int(from)+1, 6)
		b = append(b, `,"to":`...)
		b = appendID(b, "SUB-", int(to)+1, 6)
		b = append(b, `,"kind":"`...)
		b = append(b, kinds[pickCum(kindCum, r.Float64())]...)
		b = append(b, `","received_at":`...)
		b = appendTime(b, t)
		if r.Float64() < 0.6 {
			b = append(b, `,"source":`...)
			b = appendID(b, "SRC-", int(g.pickSource(r))+1, 4)
		}
		g.b = append(b, '}')
		g.flushLine()
		if g.stats.Retracts < wantRetract && r.Float64()*float64(n-i) < float64(wantRetract-g.stats.Retracts) {
			g.stats.Retracts++
			g.pendLinkRetract(i+1, t)
		}
	}
	g.stats.Links = n
}

func (g *gen) effective(after int64) int64 {
	after += 3600
	if after >= g.end {
		return g.end
	}
	return after + g.chg.Int64N(g.end-after+1)
}

func (g *gen) pend(t int64, b []byte) {
	g.pendings = append(g.pendings, pending{t: t, seq: len(g.pendings), line: b})
}

func (g *gen) pendLinkRetract(num int, t int64) {
	b := append([]byte(nil), `{"type":"retract","target":{"type":"link","id":`...)
	b = appendID(b, "LNK-", num, 6)
	eff := g.effective(t)
	b = append(b, `},"effective_at":`...)
	b = appendTime(b, eff)
	b = append(b, `,"rationale":"Link found to be mistaken on review."}`...)
	g.pend(eff, b)
}

// writeChanges writes the amendments and retractions of items chosen while
// streaming, a few links, and a few subjects closed at review, in
// effective-time order.
func (g *gen) writeChanges() {
	r := g.chg
	reasons, amends := retractReasons(), amendReasons()
	for _, c := range g.changes {
		eff := g.effective(c.recv)
		b := []byte(`{"type":"`)
		retract := c.malicious || r.Float64() < 0.35
		if retract {
			b = append(b, `retract","target":{"type":"item","id":`...)
		} else {
			b = append(b, `amend","target":{"type":"item","id":`...)
		}
		b = appendID(b, "ITM-", c.num, 8)
		b = append(b, '}')
		rationale := pick(r, amends)
		switch u := r.Float64(); {
		case c.malicious:
			rationale = "Caller found to be making malicious reports; the allegations are false."
		case retract:
			rationale = pick(r, reasons)
		case u < 0.5:
			b = append(b, `,"set":{`...)
			switch c.scheme {
			case schemeUK:
				b = append(b, `"assessment":"`...)
				b = append(b, byte('A'+r.IntN(4)), '"')
			case schemeAdmiralty:
				b = append(b, `"credibility":"`...)
				b = append(b, byte('1'+r.IntN(6)), '"')
			default:
				b = append(b, `"intelligence_5x5x5":"`...)
				b = append(b, byte('1'+r.IntN(5)), '"')
			}
			b = append(b, '}')
			rationale = pick(r, amends[:3])
		case u < 0.65 && c.scheme != schemeFive && !c.handlingC:
			b = append(b, `,"set":{"handling":"C","conditions":`...)
			b = appendString(b, pick(r, g.conds))
			b = append(b, '}')
			rationale = amends[3]
		case u < 0.8:
			b = append(b, `,"set":{"indicators":[`...)
			ind := c.ind[:c.nind]
			if len(ind) > 0 && r.IntN(2) == 0 {
				ind = ind[:len(ind)-1] // an indicator found not to apply
			} else if !slicesContains(ind, indIntervention) {
				ind = append(ind, indIntervention)
			}
			for j, i := range ind {
				if j > 0 {
					b = append(b, ',')
				}
				b = appendString(b, g.codes[i])
			}
			b = append(b, `]}`...)
			rationale = "Indicators corrected on analyst review."
		case u < 0.9:
			b = append(b, `,"set":{"summary":`...)
			b = appendString(b, "Corrected account: the subject "+g.phrase(r, nil, 0))
			b = append(b, '}')
			rationale = "Summary corrected on supervisor review."
		default:
			b = append(b, `,"set":{"occurred_at":`...)
			b = appendTime(b, c.recv-int64(1+r.IntN(14))*day)
			b = append(b, '}')
			rationale = "Date of the events corrected by the source handler."
		}
		b = append(b, `,"effective_at":`...)
		b = appendTime(b, eff)
		b = append(b, `,"rationale":`...)
		b = appendString(b, rationale)
		b = append(b, '}')
		if retract {
			g.stats.Retracts++
		} else {
			g.stats.Amends++
		}
		g.pend(eff, b)
	}
	// A few monitored subjects are closed at periodic review.
	closes := len(g.people) / 500
	mon := g.byClass[statusMonitored]
	seen := map[int32]bool{}
	for k := 0; k < closes && len(mon) > 0; k++ {
		s := pick(r, mon)
		if seen[s] || g.people[s].escalating {
			continue
		}
		seen[s] = true
		eff := g.end - (g.end-g.start)/2 + r.Int64N((g.end-g.start)/2+1)
		b := append([]byte(nil), `{"type":"amend","target":{"type":"subject","id":`...)
		b = appendID(b, "SUB-", int(s)+1, 6)
		b = append(b, `},"set":{"status":"closed"},"effective_at":`...)
		b = appendTime(b, eff)
		b = append(b, `,"rationale":"Periodic review found no remaining concern."}`...)
		g.stats.Amends++
		g.pend(eff, b)
	}
	slices.SortFunc(g.pendings, func(a, b pending) int {
		return cmp.Or(cmp.Compare(a.t, b.t), cmp.Compare(a.seq, b.seq))
	})
	for _, p := range g.pendings {
		g.b = append(g.b, p.line...)
		g.flushLine()
	}
}

func slicesContains(s []int8, v int) bool { return slices.Contains(s, int8(v)) }
