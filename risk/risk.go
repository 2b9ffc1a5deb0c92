package risk

import (
	"cmp"
	"fmt"
	"log/slog"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/vigil-oss/vigil/catalogue"
	"github.com/vigil-oss/vigil/grade"
)

// Role is how a subject figures in an item. Only RoleSubject receives contributions.
type Role string

// The roles. The empty role means RoleSubject, the default on intake.
const (
	RoleSubject   Role = "subject"
	RoleAssociate Role = "associate"
	RoleVictim    Role = "victim"
	RoleMentioned Role = "mentioned"
)

// Status is a subject's status, which chooses the prior.
type Status string

// The subject statuses.
const (
	Priority  Status = "priority"
	Monitored Status = "monitored"
	Closed    Status = "closed"
)

// Discount says why a listed contribution adds nothing.
type Discount string

// The discounts. The empty discount means the contribution counts in full.
const (
	Repeat    Discount = "repeat"
	Derived   Discount = "derived"
	Retracted Discount = "retracted"
)

// Confidence is how well the evidence supports the probability, shown beside it.
type Confidence string

// The confidence levels.
const (
	Low      Confidence = "low"
	Moderate Confidence = "moderate"
	High     Confidence = "high"
)

// Assignment links an item to a subject, by opaque id, in a role.
type Assignment struct {
	Subject string
	Role    Role
}

// Item is one intelligence item as the risk model sees it. It deliberately has no personal
// attribute: subjects and sources are opaque ids.
type Item struct {
	ID     string
	Source string
	// Originator, when set, is who the source relays; sources sharing one count as one
	// source for repeats and confidence.
	Originator string
	Subjects   []Assignment
	Indicators []string
	// P is the accuracy p = p_source × p_information, already computed; 0 for E-graded.
	P float64
	// Graded is false for an item awaiting grading, which contributes nothing.
	Graded bool
	// SuspectedFalse is set when the information was graded E (suspected to be false, or
	// its crosswalked equivalent). Such an item has P = 0, but P alone cannot tell E from
	// other zero accuracies; FlagSources counts these.
	SuspectedFalse bool
	OccurredAt     time.Time // zero if unknown
	ReceivedAt     time.Time
	Derived        bool
	// RetractedAt is when a retraction takes effect; zero if not retracted.
	RetractedAt time.Time
}

// Indicator holds one indicator's numbers.
type Indicator struct {
	LR            float64
	HalfLifeWeeks float64
}

// Options are the numbers Assess uses, taken from one catalogue version. Treat as read-only.
type Options struct {
	CatalogueVersion string
	Calibrated       bool
	Indicators       map[string]Indicator // by code
	// Priors are prior probabilities by subject status.
	Priors     map[Status]float64
	Harm       catalogue.Harm
	Confidence catalogue.Confidence
	// Alert is the escalation rule's threshold and window (see Escalation).
	Alert catalogue.Alert
	// SourceFlag is how many E-graded reports about one subject flag a source.
	SourceFlag catalogue.SourceFlag
	// VelocityWeeks are the windows over which Velocity reports the change of log-odds;
	// empty means 1 and 4 weeks.
	VelocityWeeks []int
	// Logger receives what Assess skips and why (an indicator code the catalogue does not
	// know, which intake should have refused); nil discards it. Metrics are the caller's:
	// the Prometheus client reaches net/http, which this package may not import (see
	// imports_test.go), so package caseload, which runs Assess at scale, registers them.
	Logger *slog.Logger
}

// OptionsFrom takes the risk model's numbers from a catalogue.
func OptionsFrom(c *catalogue.Catalogue) (Options, error) {
	if c == nil {
		return Options{}, fmt.Errorf("risk options: no catalogue")
	}
	o := Options{
		CatalogueVersion: c.Version,
		Calibrated:       c.Status == catalogue.Calibrated,
		Indicators:       make(map[string]Indicator, len(c.Indicators)),
		Priors:           make(map[Status]float64, 3),
		Harm:             c.Thresholds.Harm,
		Confidence:       c.Thresholds.Confidence,
		Alert:            c.Thresholds.Alert,
		SourceFlag:       c.Thresholds.SourceFlag,
		VelocityWeeks:    slices.Clone(c.Thresholds.VelocityWeeks),
	}
	o.Harm.Codes = slices.Clone(o.Harm.Codes)
	for i, ind := range c.Indicators {
		if !(ind.LR > 0) || !(ind.HalfLifeWeeks > 0) || math.IsInf(ind.LR, 0) || math.IsInf(ind.HalfLifeWeeks, 0) {
			return Options{}, fmt.Errorf("risk options: catalogue %s: indicators[%d] %s: LR and half-life must be positive and finite", c.Version, i, ind.Code)
		}
		o.Indicators[ind.Code] = Indicator{LR: ind.LR, HalfLifeWeeks: ind.HalfLifeWeeks}
	}
	for _, s := range []Status{Priority, Monitored, Closed} {
		p, ok := c.Priors[string(s)]
		if !ok || !(p > 0 && p < 1) {
			return Options{}, fmt.Errorf("risk options: catalogue %s: priors.%s: want a probability strictly between 0 and 1", c.Version, s)
		}
		o.Priors[s] = p
	}
	return o, nil
}

// Contribution is one indicator on one item, as added to one subject's log-odds.
type Contribution struct {
	Item, Source, Indicator string
	LR, P                   float64
	AgeWeeks, Decay         float64
	Discount                Discount
	// LogLR is the amount actually added: 0 when discounted.
	LogLR float64
}

// Assessment is one subject's risk at one moment, with its explanation:
// PriorLogOdds plus the LogLR of Contributions, added in order, is exactly LogOdds.
type Assessment struct {
	Subject          string
	At               time.Time
	CatalogueVersion string
	Calibrated       bool
	PriorLogOdds     float64
	LogOdds          float64
	Probability      float64
	Band             grade.Band
	Confidence       Confidence
	Harm             int
	Score            float64
	// Contributions are ordered by |LogLR| descending, then item id, then indicator.
	Contributions []Contribution
}

const week = 7 * 24 * time.Hour

// origin is who a piece of evidence is independent from: its source, or the originator
// that source relays.
type origin struct {
	originator bool
	id         string
}

// candidate is a contribution before the repeat rule, with what the rule needs.
type candidate struct {
	Contribution
	key  origin
	raw  float64 // contribution before the repeat rule
	live bool    // neither derived nor retracted: takes part in the repeat rule
}

// repeatKey identifies the reports among which only the largest counts.
type repeatKey struct {
	origin
	indicator string
}

// Assess returns the subject's assessment at time at from items, which may mention other
// subjects and be in any order. A status unknown to opt gets the smallest prior in opt.
func Assess(opt Options, subject string, status Status, items []Item, at time.Time) Assessment {
	var sc Scorer
	return sc.assess(opt, subject, status, items, at, true)
}

// Scorer assesses subject after subject, reusing its working memory, for a caller that
// ranks many (a board) and needs only the contributions that count. Its zero value is
// ready; it is not safe for concurrent use: give each goroutine its own.
type Scorer struct {
	cands    []candidate
	best     map[repeatKey]int
	bestSize int // entries best held when last filled
	order    []int32
	out      []Contribution
}

// Score is Assess without the contributions that add nothing: the Assessment's
// Contributions hold only those with a non-zero LogLR, in the explanation's order, and
// are valid until the Scorer's next call. Every other field, LogOdds included, is
// bit for bit what Assess returns: the contributions left out are zeros at the end of the
// explanation's sum.
func (sc *Scorer) Score(opt Options, subject string, status Status, items []Item, at time.Time) Assessment {
	return sc.assess(opt, subject, status, items, at, false)
}

func (sc *Scorer) assess(opt Options, subject string, status Status, items []Item, at time.Time, all bool) Assessment {
	a := Assessment{
		Subject:          subject,
		At:               at,
		CatalogueVersion: opt.CatalogueVersion,
		Calibrated:       opt.Calibrated,
		PriorLogOdds:     logit(prior(opt, status)),
	}
	cands := sc.collect(opt, subject, items, at)
	sc.repeats(cands)

	// Sort positions rather than the wide candidates themselves. Contributions of zero
	// sort last (by |log_lr|), so leaving them out changes neither the order of the rest
	// nor their sum.
	order := sc.order[:0]
	for i := range cands {
		if all || cands[i].LogLR != 0 {
			order = append(order, int32(i))
		}
	}
	sc.order = order
	slices.SortFunc(order, func(i, j int32) int { return explanationOrder(&cands[i].Contribution, &cands[j].Contribution) })

	// The log-odds are computed as the sum the explanation shows, in its order, so that
	// prior + Σ log_lr reproduces them exactly.
	lo := a.PriorLogOdds
	var cs []Contribution
	if all {
		cs = make([]Contribution, len(order))
	} else {
		cs = slices.Grow(sc.out[:0], len(order))[:len(order)]
		sc.out = cs
	}
	for k, i := range order {
		cs[k] = cands[i].Contribution
		lo += cands[i].LogLR
	}
	a.Contributions = cs
	a.LogOdds = lo
	a.Probability = logistic(lo)
	a.Band = grade.BandOf(a.Probability)
	a.Harm = harm(opt.Harm, a.Contributions)
	a.Score = a.Probability * float64(a.Harm)
	a.Confidence = confidence(opt.Confidence, cands)
	return a
}

// explanationOrder orders contributions by |log_lr| descending, then item, indicator and
// source. The ids are compared only on a tie (cmp.Or would compare them every time).
func explanationOrder(x, y *Contribution) int {
	if ax, ay := math.Abs(x.LogLR), math.Abs(y.LogLR); ax != ay {
		if ax > ay {
			return -1
		}
		return 1
	}
	return cmp.Or(strings.Compare(x.Item, y.Item), strings.Compare(x.Indicator, y.Indicator), strings.Compare(x.Source, y.Source))
}

// collect turns the items that reach subject by at into candidates, one per indicator.
func (sc *Scorer) collect(opt Options, subject string, items []Item, at time.Time) []candidate {
	cands := sc.cands[:0]
	for i := range items {
		it := &items[i]
		if !it.Graded || it.ReceivedAt.After(at) || !receives(it, subject) {
			continue
		}
		when := it.OccurredAt
		if when.IsZero() {
			when = it.ReceivedAt
		}
		age := max(float64(at.Sub(when))/float64(week), 0)
		key := origin{id: it.Source}
		if it.Originator != "" {
			key = origin{originator: true, id: it.Originator}
		}
		var disc Discount
		switch {
		case !it.RetractedAt.IsZero() && !it.RetractedAt.After(at):
			disc = Retracted
		case it.Derived:
			disc = Derived
		}
		for j, code := range it.Indicators {
			ind, ok := opt.Indicators[code]
			if !ok {
				// An unknown code is the intake's error to report; it moves nothing.
				if opt.Logger != nil {
					opt.Logger.Warn("risk: unknown indicator skipped", "item", it.ID, "indicator", code, "catalogue", opt.CatalogueVersion)
				}
				continue
			}
			if slices.Contains(it.Indicators[:j], code) {
				continue // a code listed twice on one item is one observation
			}
			decay := math.Exp2(-age / ind.HalfLifeWeeks)
			raw := math.Log(it.P*ind.LR+1-it.P) * decay
			cands = append(cands, candidate{
				Contribution: Contribution{
					Item: it.ID, Source: it.Source, Indicator: code,
					LR: ind.LR, P: it.P, AgeWeeks: age, Decay: decay,
					Discount: disc,
				},
				key:  key,
				raw:  raw,
				live: disc == "",
			})
		}
	}
	sc.cands = cands
	return cands
}

// repeats applies the repeat rule: per (source-or-originator, indicator), the live
// candidate with the largest |contribution| counts, ties going to the smallest item id so
// input order never matters; the others are discounted as repeats.
func (sc *Scorer) repeats(cands []candidate) {
	// Clearing a map costs its capacity, not its size: after a subject with thousands of
	// reports, start afresh rather than clear it for every small one that follows.
	if sc.best == nil || sc.bestSize > 256 && len(cands) < sc.bestSize/4 {
		sc.best = make(map[repeatKey]int, len(cands))
	} else {
		clear(sc.best)
	}
	best := sc.best
	defer func() { sc.bestSize = len(best) }()
	for i, c := range cands {
		if !c.live {
			continue
		}
		k := repeatKey{c.key, c.Indicator}
		j, ok := best[k]
		if !ok {
			best[k] = i
			continue
		}
		b := cands[j]
		if ab, ac := math.Abs(b.raw), math.Abs(c.raw); ac > ab || (ac == ab && c.Item < b.Item) {
			best[k] = i
		}
	}
	for i := range cands {
		c := &cands[i]
		switch {
		case !c.live:
		case best[repeatKey{c.key, c.Indicator}] == i:
			c.LogLR = c.raw
		default:
			c.Discount = Repeat
		}
	}
}

// receives reports whether subject is among the item's subjects in the role that receives
// contributions.
func receives(it *Item, subject string) bool {
	for _, s := range it.Subjects {
		if s.Subject == subject && (s.Role == RoleSubject || s.Role == "") {
			return true
		}
	}
	return false
}

func prior(opt Options, s Status) float64 {
	if p, ok := opt.Priors[s]; ok {
		return p
	}
	// An unknown status is an intake error; never let it raise a subject's odds.
	p := math.Inf(1)
	for _, q := range opt.Priors {
		p = min(p, q)
	}
	if math.IsInf(p, 1) {
		return 0.5
	}
	return p
}

func logit(p float64) float64 { return math.Log(p / (1 - p)) }

func logistic(x float64) float64 { return 1 / (1 + math.Exp(-x)) }

// harm is Base plus the distinct harm codes with a contribution of at least
// MinContribution, capped at Cap.
func harm(h catalogue.Harm, cs []Contribution) int {
	n := 0
	for _, code := range h.Codes {
		for _, c := range cs {
			if c.Indicator == code && c.LogLR >= h.MinContribution {
				n++
				break
			}
		}
	}
	return min(h.Base+n, h.Cap)
}

// confidence counts independent sources (an originator and the sources relaying it are
// one) whose items had p ≥ MinAccuracy, contributed a non-zero amount, and are no older than
// the window. Mitigating evidence counts as much as aggravating: confidence is about how
// well the judgement is supported, not about its direction.
func confidence(c catalogue.Confidence, cands []candidate) Confidence {
	window := float64(c.WindowWeeks)
	var seen []origin // a subject has few sources: a scan beats a map
	single := false
	for i := range cands {
		x := &cands[i]
		if x.LogLR == 0 || x.P < c.MinAccuracy || x.AgeWeeks > window {
			continue
		}
		single = single || x.P >= c.SingleSourceMinAccuracy
		if !slices.Contains(seen, x.key) {
			seen = append(seen, x.key)
		}
	}
	switch {
	case len(seen) >= c.HighSources:
		return High
	case len(seen) >= c.ModerateSources || single:
		return Moderate
	}
	return Low
}
