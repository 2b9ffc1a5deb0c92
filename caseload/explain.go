package caseload

import (
	"cmp"
	"context"
	"encoding/json"
	"math"
	"slices"
	"time"

	"github.com/vigil-oss/vigil"
	"github.com/vigil-oss/vigil/grade"
	"github.com/vigil-oss/vigil/risk"
)

// Explanation is one subject's assessment with every contribution, in the JSON of the
// `explain` contract (with extensions: known_at, calibrated, label, status, change_1w,
// change_4w). PriorLogOdds plus the LogLR of Contributions, added in order, is LogOdds.
type Explanation struct {
	Subject          string          `json:"subject"`
	At               time.Time       `json:"at"`
	KnownAt          *time.Time      `json:"known_at,omitempty"`
	CatalogueVersion string          `json:"catalogue_version"`
	Calibrated       bool            `json:"calibrated"`
	Label            string          `json:"label"`
	Status           vigil.Status    `json:"status"`
	PriorLogOdds     float64         `json:"prior_log_odds"`
	LogOdds          float64         `json:"log_odds"`
	Probability      float64         `json:"probability"`
	Band             grade.Band      `json:"band"`
	Confidence       risk.Confidence `json:"confidence"`
	Harm             int             `json:"harm"`
	Score            float64         `json:"score"`
	Tier             *vigil.Tier     `json:"tier"`
	Change1w         float64         `json:"change_1w"`
	Change4w         float64         `json:"change_4w"`
	Contributions    []Contribution  `json:"contributions"`
}

// Contribution is one indicator on one item as added to the subject's log-odds, or, with
// Withheld set, the sum of every contribution from evidence the reader may not see.
type Contribution struct {
	Withheld  bool
	Item      string
	Source    string // "" when the reader may not see sources: shown as null
	Indicator string
	LR, P     float64
	AgeWeeks  float64
	Decay     float64
	Discount  risk.Discount
	LogLR     float64
}

// MarshalJSON writes the contract's row: a withheld row is exactly
// {"withheld":true,"log_lr":…}; a hidden source and an absent discount are null.
func (c Contribution) MarshalJSON() ([]byte, error) {
	if c.Withheld {
		return json.Marshal(struct {
			Withheld bool    `json:"withheld"`
			LogLR    float64 `json:"log_lr"`
		}{true, c.LogLR})
	}
	return json.Marshal(struct {
		Item      string  `json:"item"`
		Source    *string `json:"source"`
		Indicator string  `json:"indicator"`
		LR        float64 `json:"lr"`
		P         float64 `json:"p"`
		AgeWeeks  float64 `json:"age_weeks"`
		Decay     float64 `json:"decay"`
		Discount  *string `json:"discount"`
		LogLR     float64 `json:"log_lr"`
	}{c.Item, nullable(c.Source), c.Indicator, c.LR, c.P, c.AgeWeeks, c.Decay, nullable(string(c.Discount)), c.LogLR})
}

func nullable(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// Explain returns a subject's assessment with its explanation and records the
// consultation. A subject the actor may not see, or not recorded by the moment, is
// ENotFound, whichever it is.
func (e *Engine) Explain(ctx context.Context, subject string, m Moment) (Explanation, error) {
	const op = "explain"
	start := time.Now()
	a, v, err := e.open(ctx, op, m)
	if err != nil {
		return Explanation{}, err
	}
	e.mu.RLock()
	x, ok := e.explain(subject, v, m, a)
	e.mu.RUnlock()
	if !ok {
		return Explanation{}, &vigil.Error{Code: vigil.ENotFound, Op: op, Message: "subject " + subject + " not found"}
	}
	c := vigil.Consultation{What: op, Subjects: []string{subject}, Rows: 1, Query: m.query(v.at)}
	if err := e.consulted(ctx, op, c); err != nil {
		return Explanation{}, err
	}
	e.met.query(op, 1, start)
	return x, nil
}

func (e *Engine) explain(id string, v view, m Moment, a vigil.Actor) (Explanation, bool) {
	s, ok := e.subjectIDs[id]
	if !ok {
		return Explanation{}, false
	}
	sub := &e.subjects[s]
	if !sub.exists || sub.seq >= v.known || !a.CanSee(e.compartments.values[sub.compartment]) {
		return Explanation{}, false
	}
	ver := e.version(v.ns, v.known)
	status := e.statusAt(s, v)
	var comps []uint16
	var now, then scratch // then's buffers are the earlier moments': now's items stay intact
	items, static := e.riskItemsInto(&now, s, v, ver, &comps)
	as := risk.Assess(ver.opt, id, risk.Status(status), items, v.at)
	x := Explanation{
		Subject: id, At: v.at, KnownAt: knownAt(m), CatalogueVersion: ver.cat.Version,
		Calibrated: ver.opt.Calibrated, Label: ver.cat.Label(), Status: status,
		PriorLogOdds: as.PriorLogOdds, LogOdds: as.LogOdds, Probability: as.Probability,
		Band: as.Band, Confidence: as.Confidence, Harm: as.Harm, Score: as.Score,
		Tier: e.tierAt(s, status, v, a),
	}
	evidence := as.LogOdds - as.PriorLogOdds
	x.Change1w = evidence - e.evidenceBefore(&then, s, status, v, ver, items, static, week)
	x.Change4w = evidence - e.evidenceBefore(&then, s, status, v, ver, items, static, changeWindow)

	hidden := make(map[string]bool)
	for i := range items {
		if !a.CanSee(e.compartments.values[comps[i]]) {
			hidden[items[i].ID] = true
		}
	}
	x.Contributions, x.LogOdds = contributions(as, hidden, a.MaySeeSources())
	return x, true
}

// contributions turns the assessment's contributions into the explanation's rows, folding
// those on hidden items into one withheld row placed by its size. The log-odds returned
// are the prior plus the rows, summed in their order: equal to the assessment's when
// nothing is withheld, and otherwise differing from it by rounding at most, so that the
// explanation the reader sees always adds up exactly.
func contributions(as risk.Assessment, hidden map[string]bool, sources bool) ([]Contribution, float64) {
	rows := make([]Contribution, 0, len(as.Contributions)+1)
	withheld, anyHidden := 0.0, false
	for _, c := range as.Contributions {
		if hidden[c.Item] {
			withheld += c.LogLR
			anyHidden = true
			continue
		}
		src := c.Source
		if !sources {
			src = ""
		}
		rows = append(rows, Contribution{Item: c.Item, Source: src, Indicator: c.Indicator,
			LR: c.LR, P: c.P, AgeWeeks: c.AgeWeeks, Decay: c.Decay, Discount: c.Discount, LogLR: c.LogLR})
	}
	if !anyHidden {
		return rows, as.LogOdds
	}
	w := Contribution{Withheld: true, LogLR: withheld}
	// By |log_lr| descending like the rest; among equals, after the visible rows.
	i, _ := slices.BinarySearchFunc(rows, w, func(r, w Contribution) int {
		return cmp.Or(cmp.Compare(math.Abs(w.LogLR), math.Abs(r.LogLR)), -1)
	})
	rows = slices.Insert(rows, i, w)
	lo := as.PriorLogOdds
	for _, r := range rows {
		lo += r.LogLR
	}
	return rows, lo
}
