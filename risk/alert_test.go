package risk_test

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/vigil-oss/vigil/risk"
)

func TestOptionsCarryAlertThresholds(t *testing.T) {
	opt := defaultOptions(t)
	if opt.Alert.LogOddsRise != 1.5 || opt.Alert.WindowDays != 7 {
		t.Errorf("alert = %+v, want rise 1.5 within 7 days", opt.Alert)
	}
	if opt.SourceFlag.EGradedReports != 3 {
		t.Errorf("source flag = %+v, want 3 reports", opt.SourceFlag)
	}
	if !slices.Equal(opt.VelocityWeeks, []int{1, 4}) {
		t.Errorf("velocity weeks = %v, want [1 4]", opt.VelocityWeeks)
	}
}

// A protective item decaying raises the log-odds, but even with a threshold of zero it never
// alerts: nothing new arrived.
func TestDecayNeverAlerts(t *testing.T) {
	opt := defaultOptions(t)
	opt.Alert.LogOddsRise = 0
	items := []risk.Item{{
		ID: "X1", Source: "S1", Subjects: []risk.Assignment{{Subject: "S"}},
		Indicators: []string{"protective.disengagement"}, P: 0.9, Graded: true,
		ReceivedAt: at.Add(-20 * week),
	}}
	a := risk.Assess(opt, "S", risk.Priority, items, at)
	if v := risk.Velocity(opt, a, items); !(v[0].Delta > 0) {
		t.Fatalf("velocity = %+v, want a rise from decay", v)
	}
	if al, ok := risk.Escalation(opt, a, items); ok || al.Rise != 0 {
		t.Errorf("Escalation = %+v, %v; want rise 0, no alert", al, ok)
	}
}

const week = 7 * 24 * time.Hour

func TestVelocityWindows(t *testing.T) {
	opt := defaultOptions(t)
	items := []risk.Item{{
		ID: "X1", Source: "S1", Subjects: []risk.Assignment{{Subject: "S"}},
		Indicators: []string{"leakage"}, P: 0.6, Graded: true, ReceivedAt: at.Add(-week),
	}}
	a := risk.Assess(opt, "S", risk.Monitored, items, at)
	// Two weeks ago X1 was not known: the whole of its contribution, ln(5.2) × 2^(−1/8) =
	// 1.5118, is the change, and the log-odds then were the prior, ln(0.005/0.995) = −5.2933.
	opt.VelocityWeeks = []int{2}
	got := risk.Velocity(opt, a, items)
	if len(got) != 1 || got[0].Weeks != 2 || math.Abs(got[0].Delta-1.5118) > 1e-4 || math.Abs(got[0].LogOdds+5.2933) > 1e-4 {
		t.Errorf("Velocity = %+v, want one 2-week change of 1.5118 from −5.2933", got)
	}
	opt.VelocityWeeks = nil
	if got := risk.Velocity(opt, a, items); len(got) != 2 || got[0].Weeks != 1 || got[1].Weeks != 4 {
		t.Errorf("Velocity without windows = %+v, want 1 and 4 weeks", got)
	}
}

func TestDisabled(t *testing.T) {
	opt := defaultOptions(t)
	opt.Alert.WindowDays = 0
	opt.SourceFlag.EGradedReports = 0
	var items []risk.Item
	for _, id := range []string{"X1", "X2", "X3"} {
		items = append(items, risk.Item{
			ID: id, Source: "S1", Subjects: []risk.Assignment{{Subject: "S"}},
			Indicators: []string{"pathway.planning"}, P: 0.9, Graded: true, SuspectedFalse: true,
			ReceivedAt: at,
		})
	}
	a := risk.Assess(opt, "S", risk.Monitored, items, at)
	if _, ok := risk.Escalation(opt, a, items); ok {
		t.Error("a zero-day window alerted")
	}
	if f := risk.FlagSources(opt, "S", items, at); f != nil {
		t.Errorf("a zero threshold flagged %+v", f)
	}
}

func TestEscalationOrderIndependent(t *testing.T) {
	opt := defaultOptions(t)
	opt.Alert.LogOddsRise = 0.5
	opt.SourceFlag.EGradedReports = 2
	cs := codes(opt)
	r := rand.New(rand.NewPCG(3, 4))
	for trial := range 300 {
		items := randomItems(r, cs, 1+r.IntN(30))
		for i := range items {
			items[i].SuspectedFalse = items[i].P == 0
		}
		a := risk.Assess(opt, "S", risk.Priority, items, at)
		want, wantOK := risk.Escalation(opt, a, items)
		wantFlags := risk.FlagSources(opt, "S", items, at)
		shuffled := slices.Clone(items)
		r.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		b := risk.Assess(opt, "S", risk.Priority, shuffled, at)
		got, gotOK := risk.Escalation(opt, b, shuffled)
		if gotOK != wantOK || math.Abs(got.Rise-want.Rise) > 1e-12 || !slices.Equal(got.Items, want.Items) {
			t.Fatalf("trial %d: shuffled input gave %+v %v, want %+v %v", trial, got, gotOK, want, wantOK)
		}
		if diff := cmp.Diff(wantFlags, risk.FlagSources(opt, "S", shuffled, at)); diff != "" {
			t.Fatalf("trial %d: flags depend on order (-want +got):\n%s", trial, diff)
		}
	}
}

func TestExpectedFalse(t *testing.T) {
	t1 := at.Add(-24 * time.Hour)
	for _, tc := range []struct {
		name   string
		alerts []risk.Alert
		want   float64
	}{
		{"none", nil, 0},
		// (1 − 0.9) + (1 − 0.3) = 0.1 + 0.7 = 0.8
		{"two subjects", []risk.Alert{{Subject: "X", At: at, Probability: 0.9}, {Subject: "Y", At: at, Probability: 0.3}}, 0.8},
		// X alerted twice counts once, with its latest probability 0.6: 0.4 + 0.7 = 1.1
		{"a subject alerted twice", []risk.Alert{
			{Subject: "X", At: at, Probability: 0.6},
			{Subject: "Y", At: at, Probability: 0.3},
			{Subject: "X", At: t1, Probability: 0.9},
		}, 1.1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := risk.ExpectedFalse(tc.alerts); math.Abs(got-tc.want) > 1e-12 {
				t.Errorf("ExpectedFalse = %v, want %v", got, tc.want)
			}
		})
	}
}
