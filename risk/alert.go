package risk

import (
	"cmp"
	"maps"
	"slices"
	"time"
)

// Change is how far a subject's log-odds moved over one velocity window.
type Change struct {
	Weeks int
	// LogOdds is the log-odds Weeks before the assessment, from the items received by then.
	LogOdds float64
	// Delta is the assessment's log-odds minus LogOdds: positive when the odds rose.
	Delta float64
}

// Velocity returns the change of a's log-odds over each of opt.VelocityWeeks (1 and 4 weeks
// when empty), in that order. a must be Assess(opt, subject, status, items, at) for the same
// items. The earlier log-odds are a full assessment at at − w weeks: items received after
// then were not known, items retracted after then still counted, and everything was younger
// by w. The status is taken as unchanged (the prior is a's), so the change is the
// evidence's, not a change of status. Velocity does not alert: a change may come from
// decay alone, in either direction (see Escalation).
func Velocity(opt Options, a Assessment, items []Item) []Change {
	weeks := opt.VelocityWeeks
	if len(weeks) == 0 {
		weeks = []int{1, 4}
	}
	now := evidence(a)
	cs := make([]Change, len(weeks))
	for i, w := range weeks {
		// The status passed is irrelevant: only the evidence, without the prior, is used.
		then := evidence(Assess(opt, a.Subject, "", items, a.At.Add(-time.Duration(w)*week)))
		cs[i] = Change{Weeks: w, LogOdds: a.PriorLogOdds + then, Delta: now - then}
	}
	return cs
}

// evidence is the sum of an assessment's contributions, in the order listed.
func evidence(a Assessment) float64 {
	s := 0.0
	for _, c := range a.Contributions {
		s += c.LogLR
	}
	return s
}

// Alert is an escalation: new evidence raised a subject's log-odds by more than the
// catalogue's threshold within its window.
type Alert struct {
	Subject string
	At      time.Time
	// Rise is how much higher the log-odds are at At than they would be without the items
	// received in the window (see Escalation).
	Rise float64
	// Items are the items received in the window whose contributions at At sum to more
	// than zero, largest sum first (ties by id): the evidence that caused the alert.
	Items []string
	// Probability is the subject's probability at At.
	Probability float64
}

// Escalation reports whether new evidence escalated a subject, where a is
// Assess(opt, subject, status, items, at) for the same items.
//
// The rule: the items received in the window (at − opt.Alert.Window(), at] — open at the
// start, so an item exactly WindowDays old is no longer new — are the new evidence. Rise is
// the log-odds at at minus the log-odds at at from the other items alone (those received by
// the window's start). Both sides are evaluated at the same moment with the same decay, so
// Rise is exactly what the new items add, net of everything the model applies to them:
//   - decay: a rise that comes only from protective evidence decaying (or from a protective
//     item's retraction) is not new evidence and never alerts;
//   - new protective evidence in the window offsets new aggravating evidence: the alert is
//     about the net effect of what arrived;
//   - repeats: a new report that merely supersedes the same source's (or originator's) older
//     report of the same indicator adds only the difference, so a source repeating itself is
//     not an escalation;
//   - derived items and retracted items add nothing.
//
// The alert fires when Rise > opt.Alert.LogOddsRise (strictly more than); the Alert is
// filled in either way, so a caller can show how close a subject came. A window of zero
// days disables alerts. What is new is decided by received_at, not occurred_at: an old
// behaviour newly reported is new evidence, already decayed by its age.
func Escalation(opt Options, a Assessment, items []Item) (Alert, bool) {
	al := Alert{Subject: a.Subject, At: a.At, Probability: a.Probability}
	window := opt.Alert.Window()
	if window <= 0 {
		return al, false
	}
	from := a.At.Add(-window)
	var old []Item
	fresh := make(map[string]bool)
	for i := range items {
		it := &items[i]
		switch {
		case it.ReceivedAt.After(a.At):
		case it.ReceivedAt.After(from):
			fresh[it.ID] = true
		default:
			old = append(old, *it)
		}
	}
	if len(fresh) == 0 {
		return al, false
	}
	al.Rise = evidence(a) - evidence(Assess(opt, a.Subject, "", old, a.At))
	sum := make(map[string]float64)
	for _, c := range a.Contributions {
		if fresh[c.Item] {
			sum[c.Item] += c.LogLR
		}
	}
	for id, s := range sum {
		if s > 0 {
			al.Items = append(al.Items, id)
		}
	}
	slices.SortFunc(al.Items, func(x, y string) int {
		return cmp.Or(cmp.Compare(sum[y], sum[x]), cmp.Compare(x, y))
	})
	return al, al.Rise > opt.Alert.LogOddsRise
}

// SourceFlag is a source that has sent too many E-graded reports about one subject: it may
// be harassing them.
type SourceFlag struct {
	// Source is the source, or, when the reports came through sources relaying an
	// originator, that originator (then Originator is true).
	Source     string
	Originator bool
	Subject    string
	Reports    int
	// Items are the E-graded reports, by id.
	Items []string
}

// FlagSources returns the sources with at least opt.SourceFlag.EGradedReports E-graded
// reports about subject received by at, most reports first, then by source. A report
// counts when it is graded with SuspectedFalse set, names subject in the role subject (a
// report about someone else that mentions them is not about them), and is not derived (a
// copy is not another report). Retracted reports still count: a report found false is what
// the flag is about. As for repeats, sources relaying one originator are one source, and
// the flag names the originator: the person behind the reports, not the channels they came
// through. A threshold of zero or less disables the flag.
func FlagSources(opt Options, subject string, items []Item, at time.Time) []SourceFlag {
	n := opt.SourceFlag.EGradedReports
	if n <= 0 {
		return nil
	}
	reports := make(map[origin][]string)
	for i := range items {
		it := &items[i]
		if !it.Graded || !it.SuspectedFalse || it.Derived || it.ReceivedAt.After(at) || !receives(it, subject) {
			continue
		}
		key := origin{id: it.Source}
		if it.Originator != "" {
			key = origin{originator: true, id: it.Originator}
		}
		reports[key] = append(reports[key], it.ID)
	}
	var flags []SourceFlag
	for _, k := range slices.SortedFunc(maps.Keys(reports), func(x, y origin) int {
		return cmp.Or(cmp.Compare(x.id, y.id), cmpBool(x.originator, y.originator))
	}) {
		ids := reports[k]
		if len(ids) < n {
			continue
		}
		slices.Sort(ids)
		flags = append(flags, SourceFlag{Source: k.id, Originator: k.originator, Subject: subject, Reports: len(ids), Items: ids})
	}
	slices.SortStableFunc(flags, func(x, y SourceFlag) int { return cmp.Compare(y.Reports, x.Reports) })
	return flags
}

func cmpBool(x, y bool) int {
	switch {
	case x == y:
		return 0
	case !x:
		return -1
	}
	return 1
}

// ExpectedFalse is how many of the alerts are expected to be false: Σ (1 − p) over the
// alerted subjects, each counted once with the probability of its latest alert (a subject
// alerted twice is one claim, that it is escalating, and is false or true once). It assumes
// the probabilities are calibrated; while the catalogue is uncalibrated it is a model
// estimate like the probabilities themselves.
func ExpectedFalse(alerts []Alert) float64 {
	latest := make(map[string]Alert, len(alerts))
	for _, a := range alerts {
		if l, ok := latest[a.Subject]; !ok || a.At.After(l.At) {
			latest[a.Subject] = a
		}
	}
	s := 0.0
	for _, subj := range slices.Sorted(maps.Keys(latest)) {
		s += 1 - latest[subj].Probability
	}
	return s
}
