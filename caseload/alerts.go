package caseload

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/vigil-oss/vigil"
	"github.com/vigil-oss/vigil/grade"
	"github.com/vigil-oss/vigil/risk"
)

// AlertQuery asks what needs attention since a moment.
type AlertQuery struct {
	Moment
	// Since opens the period (Since, At]; zero means the catalogue's alert window before At.
	Since time.Time
}

// Alerts are the three screens run between rounds. Each list of alerts about subjects
// states how many are expected to be false.
type Alerts struct {
	At               time.Time            `json:"at"`
	KnownAt          *time.Time           `json:"known_at,omitempty"`
	Since            time.Time            `json:"since"`
	CatalogueVersion string               `json:"catalogue_version"`
	Calibrated       bool                 `json:"calibrated"`
	Label            string               `json:"label"`
	Escalations      Screen[Escalation]   `json:"escalations"`
	Reengagements    Screen[Reengagement] `json:"reengagements"`
	SourceFlags      Screen[SourceFlag]   `json:"source_flags"`
}

// Screen is one list of alerts. ExpectedFalse is Σ (1 − p) over the subjects alerted,
// which holds only if the probabilities are calibrated (Note says so); it is null for
// source flags, which are counts of reports, not probabilities.
type Screen[T any] struct {
	Alerts        []T      `json:"alerts"`
	ExpectedFalse *float64 `json:"expected_false"`
	Note          string   `json:"note"`
}

// Escalation is a subject whose log-odds new evidence raised by more than the catalogue's
// threshold within its window: at At, the latest moment in the period at which it fired.
type Escalation struct {
	Subject     string       `json:"subject"`
	Status      vigil.Status `json:"status"`
	At          time.Time    `json:"at"`
	Rise        float64      `json:"rise"`
	Probability float64      `json:"probability"`
	Band        grade.Band   `json:"band"`
	// Items are the new items that raised the odds, largest first; WithheldItems counts
	// those the reader may not see.
	Items         []string `json:"items"`
	WithheldItems int      `json:"withheld_items"`
}

// Reengagement is a monitored or closed subject whom items received in the period
// screened positive: they raised the subject's log-odds (by Rise, however little). Items
// lists every item of the period that names the subject, in any role.
type Reengagement struct {
	Subject       string       `json:"subject"`
	Status        vigil.Status `json:"status"`
	Rise          float64      `json:"rise"`
	Probability   float64      `json:"probability"`
	Band          grade.Band   `json:"band"`
	Items         []string     `json:"items"`
	WithheldItems int          `json:"withheld_items"`
}

// SourceFlag is a source (or the originator behind several) with repeated reports about
// one subject graded suspected false: it may be harassing them. Source is null for readers
// who may not see sources.
type SourceFlag struct {
	Source     *string  `json:"source"`
	Originator bool     `json:"originator"`
	Subject    string   `json:"subject"`
	Reports    int      `json:"reports"`
	Items      []string `json:"items"`
}

// Alerts runs the escalation, re-engagement and source screens over the period and
// records the consultation.
func (e *Engine) Alerts(ctx context.Context, q AlertQuery) (Alerts, error) {
	const op = "alerts"
	start := time.Now()
	a, v, err := e.open(ctx, op, q.Moment)
	if err != nil {
		return Alerts{}, err
	}
	e.mu.RLock()
	ver := e.version(v.ns, v.known)
	since := q.Since
	if since.IsZero() {
		since = v.at.Add(-ver.opt.Alert.Window())
	}
	if !since.Before(v.at) {
		e.mu.RUnlock()
		return Alerts{}, &vigil.Error{Code: vigil.EInvalid, Op: op, Message: "no period to screen",
			Fields: []vigil.FieldError{{Field: "since", Reason: fmt.Sprintf("%s is not before at %s", since.UTC().Format(time.RFC3339), v.at.Format(time.RFC3339))}}}
	}
	out := Alerts{At: v.at, KnownAt: knownAt(q.Moment), Since: since.UTC(), CatalogueVersion: ver.cat.Version,
		Calibrated: ver.opt.Calibrated, Label: ver.cat.Label()}
	subjects := e.visibleSubjects(a, v)
	assessed := 0
	var fired []risk.Alert
	for _, s := range subjects {
		fresh := e.freshItems(s, v, since.UnixNano())
		if len(fresh) == 0 {
			continue
		}
		assessed++
		if al, ok := e.escalation(s, v, since.UnixNano(), fresh, a); ok {
			out.Escalations.Alerts = append(out.Escalations.Alerts, al)
			fired = append(fired, risk.Alert{Subject: al.Subject, At: al.At, Probability: al.Probability})
		}
		items := e.riskItems(s, v, ver, nil) // the subject's evidence at at, for both screens
		if r, ok := e.reengagement(s, v, ver, since.UnixNano(), items, fresh, a); ok {
			out.Reengagements.Alerts = append(out.Reengagements.Alerts, r)
		}
		out.SourceFlags.Alerts = append(out.SourceFlags.Alerts, e.sourceFlags(s, v, ver, since.UnixNano(), items, a)...)
	}
	e.mu.RUnlock()
	e.finishScreens(&out, fired)

	c := vigil.Consultation{What: op, Rows: len(out.Escalations.Alerts) + len(out.Reengagements.Alerts) + len(out.SourceFlags.Alerts),
		Query: q.query(v.at)}
	c.Query["since"] = out.Since.Format(time.RFC3339Nano)
	if err := e.consulted(ctx, op, c); err != nil {
		return Alerts{}, err
	}
	e.met.query(op, assessed, start)
	return out, nil
}

// finishScreens orders the lists, fills empty ones with [] and states expected false alerts.
func (e *Engine) finishScreens(out *Alerts, fired []risk.Alert) {
	note := "assumes calibrated probabilities: " + out.Label
	ef := risk.ExpectedFalse(fired)
	out.Escalations.ExpectedFalse, out.Escalations.Note = &ef, note
	slices.SortFunc(out.Escalations.Alerts, func(x, y Escalation) int {
		return cmp.Or(cmp.Compare(y.Rise, x.Rise), strings.Compare(x.Subject, y.Subject))
	})
	rf := 0.0
	for _, r := range out.Reengagements.Alerts {
		rf += 1 - r.Probability
	}
	out.Reengagements.ExpectedFalse, out.Reengagements.Note = &rf, note
	slices.SortFunc(out.Reengagements.Alerts, func(x, y Reengagement) int {
		return cmp.Or(cmp.Compare(y.Rise, x.Rise), strings.Compare(x.Subject, y.Subject))
	})
	out.SourceFlags.Note = "a flag counts reports graded suspected false; it is not a probability"
	slices.SortStableFunc(out.SourceFlags.Alerts, func(x, y SourceFlag) int { return cmp.Compare(y.Reports, x.Reports) })
	if out.Escalations.Alerts == nil {
		out.Escalations.Alerts = []Escalation{}
	}
	if out.Reengagements.Alerts == nil {
		out.Reengagements.Alerts = []Reengagement{}
	}
	if out.SourceFlags.Alerts == nil {
		out.SourceFlags.Alerts = []SourceFlag{}
	}
}

// freshItems returns the items naming the subject (in any role, as they stand at v) that
// were received in (since, v.at] and recorded by v.
func (e *Engine) freshItems(s int32, v view, since int64) []int32 {
	var out []int32
	for _, en := range e.subjects[s].items {
		i := en.item
		x := e.item(i)
		if x.received <= since || x.received > v.ns || x.seq >= v.known {
			continue
		}
		if st, ok := e.itemAt(x, v); ok {
			if _, named := roleIn(st.subjects, s); named {
				out = append(out, i)
			}
		}
	}
	return out
}

// escalation evaluates the escalation rule at each moment a new item arrived in the
// period, latest first, and reports the latest at which it fired.
func (e *Engine) escalation(s int32, v view, since int64, fresh []int32, a vigil.Actor) (Escalation, bool) {
	moments := make([]int64, len(fresh))
	for k, i := range fresh {
		moments[k] = e.item(i).received
	}
	slices.Sort(moments)
	moments = slices.Compact(moments)
	for k := len(moments) - 1; k >= 0; k-- {
		m := view{at: time.Unix(0, moments[k]).UTC(), ns: moments[k], known: v.known}
		ver := e.version(m.ns, m.known)
		status := e.statusAt(s, m)
		items := e.riskItems(s, m, ver, nil)
		as := risk.Assess(ver.opt, e.subjects[s].id, risk.Status(status), items, m.at)
		al, ok := risk.Escalation(ver.opt, as, items)
		if !ok {
			continue
		}
		esc := Escalation{Subject: al.Subject, Status: status, At: al.At, Rise: al.Rise,
			Probability: al.Probability, Band: as.Band, Items: []string{}}
		esc.Items, esc.WithheldItems = e.visibleItems(al.Items, a)
		return esc, true
	}
	return Escalation{}, false
}

// reengagement screens a monitored or closed subject on the items of the period that name
// them: the screen is positive when those items raise the subject's log-odds, the rest of
// the evidence decayed alike (as for escalation, but with no threshold). An item that names
// them only as an associate, or reports nothing aggravating, is screened and passes.
func (e *Engine) reengagement(s int32, v view, ver *version, since int64, items []risk.Item, fresh []int32, a vigil.Actor) (Reengagement, bool) {
	status := e.statusAt(s, v)
	if status != vigil.StatusMonitored && status != vigil.StatusClosed {
		return Reengagement{}, false
	}
	var sc risk.Scorer
	now := sc.Score(ver.opt, e.subjects[s].id, risk.Status(status), items, v.at)
	var old []risk.Item
	for _, it := range items {
		if it.ReceivedAt.UnixNano() <= since {
			old = append(old, it)
		}
	}
	before := sc.Score(ver.opt, e.subjects[s].id, risk.Status(status), old, v.at)
	rise := now.LogOdds - before.LogOdds
	if rise <= 0 {
		return Reengagement{}, false
	}
	ids := make([]string, len(fresh))
	for k, i := range fresh {
		ids[k] = e.id(i)
	}
	slices.Sort(ids)
	r := Reengagement{Subject: now.Subject, Status: status, Rise: rise, Probability: now.Probability, Band: now.Band}
	r.Items, r.WithheldItems = e.visibleItems(ids, a)
	return r, true
}

// sourceFlags returns the flags on the subject at v that a report received in the period
// contributed to: new or renewed flags, not every flag ever raised.
func (e *Engine) sourceFlags(s int32, v view, ver *version, since int64, items []risk.Item, a vigil.Actor) []SourceFlag {
	flags := risk.FlagSources(ver.opt, e.subjects[s].id, items, v.at)
	var out []SourceFlag
	for _, f := range flags {
		recent := slices.ContainsFunc(f.Items, func(id string) bool {
			i, ok := e.lookup(id)
			return ok && e.item(i).received > since
		})
		if !recent {
			continue
		}
		sf := SourceFlag{Originator: f.Originator, Subject: f.Subject, Reports: f.Reports}
		if a.MaySeeSources() {
			sf.Source = &f.Source
		}
		sf.Items, _ = e.visibleItems(f.Items, a)
		out = append(out, sf)
	}
	return out
}

// visibleItems returns the ids the actor may see, in order, and how many were withheld.
func (e *Engine) visibleItems(ids []string, a vigil.Actor) ([]string, int) {
	out := make([]string, 0, len(ids))
	for _, id := range ids {
		if e.itemVisible(id, a) {
			out = append(out, id)
		}
	}
	return out, len(ids) - len(out)
}
