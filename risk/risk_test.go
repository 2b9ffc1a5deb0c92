package risk_test

import (
	"bytes"
	"fmt"
	"log/slog"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/vigil-oss/vigil/catalogue"
	"github.com/vigil-oss/vigil/risk"
)

var at = time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)

func defaultOptions(t testing.TB) risk.Options {
	t.Helper()
	opt, err := risk.OptionsFrom(catalogue.Default())
	if err != nil {
		t.Fatal(err)
	}
	return opt
}

// randomItems returns n items about subject "S" (and some about others), drawn from every
// feature of the model: roles, repeats, originators, derived, retracted, ungraded, E-graded,
// future occurred_at and items received after at.
func randomItems(r *rand.Rand, codes []string, n int) []risk.Item {
	roles := []risk.Role{risk.RoleSubject, "", risk.RoleAssociate, risk.RoleVictim, risk.RoleMentioned}
	ps := []float64{0, 0.12, 0.24, 0.36, 0.51, 0.6, 0.8075, 0.9, 1}
	items := make([]risk.Item, n)
	for i := range items {
		it := risk.Item{
			ID:         fmt.Sprintf("I%03d", i),
			Source:     fmt.Sprintf("S%d", r.IntN(6)),
			Subjects:   []risk.Assignment{{Subject: "S", Role: roles[r.IntN(len(roles))]}},
			P:          ps[r.IntN(len(ps))],
			Graded:     r.IntN(10) != 0,
			ReceivedAt: at.Add(-time.Duration(r.IntN(60*24*7)) * time.Hour).Add(time.Duration(r.IntN(24*14)) * time.Hour),
			Derived:    r.IntN(12) == 0,
		}
		if r.IntN(4) == 0 {
			it.Originator = fmt.Sprintf("O%d", r.IntN(2))
		}
		if r.IntN(3) == 0 {
			it.Subjects = append(it.Subjects, risk.Assignment{Subject: "T", Role: risk.RoleSubject})
		}
		if r.IntN(2) == 0 {
			it.OccurredAt = it.ReceivedAt.Add(-time.Duration(r.IntN(24*30)) * time.Hour).Add(time.Duration(r.IntN(24*5)) * time.Hour)
		}
		if r.IntN(10) == 0 {
			it.RetractedAt = at.Add(time.Duration(r.IntN(24*14)-24*7) * time.Hour)
		}
		for range 1 + r.IntN(3) {
			it.Indicators = append(it.Indicators, codes[r.IntN(len(codes))])
		}
		items[i] = it
	}
	return items
}

func codes(opt risk.Options) []string {
	var cs []string
	for c := range opt.Indicators {
		cs = append(cs, c)
	}
	slices.Sort(cs)
	return cs
}

// TestExplanationSums checks the explain contract: prior + Σ log_lr, added in the order
// listed, is exactly the log-odds, and discounted rows add exactly 0.
func TestExplanationSums(t *testing.T) {
	opt := defaultOptions(t)
	cs := codes(opt)
	r := rand.New(rand.NewPCG(1, 2))
	for trial := range 500 {
		items := randomItems(r, cs, 1+r.IntN(60))
		for _, status := range []risk.Status{risk.Priority, risk.Monitored, risk.Closed} {
			a := risk.Assess(opt, "S", status, items, at)
			sum := a.PriorLogOdds
			for _, c := range a.Contributions {
				sum += c.LogLR
				if c.Discount != "" && c.LogLR != 0 {
					t.Fatalf("trial %d: discounted contribution %+v adds %v", trial, c, c.LogLR)
				}
			}
			if sum != a.LogOdds {
				t.Fatalf("trial %d: prior %v + Σ log_lr = %v, log_odds %v", trial, a.PriorLogOdds, sum, a.LogOdds)
			}
			if !slices.IsSortedFunc(a.Contributions, func(x, y risk.Contribution) int {
				if d := math.Abs(y.LogLR) - math.Abs(x.LogLR); d != 0 {
					return int(math.Copysign(1, d))
				}
				if x.Item != y.Item {
					if x.Item < y.Item {
						return -1
					}
					return 1
				}
				return 0
			}) {
				t.Fatalf("trial %d: contributions out of order", trial)
			}
		}
	}
}

// TestOrderIndependent: shuffling the items never changes the assessment.
func TestOrderIndependent(t *testing.T) {
	opt := defaultOptions(t)
	cs := codes(opt)
	r := rand.New(rand.NewPCG(3, 4))
	for trial := range 300 {
		items := randomItems(r, cs, 1+r.IntN(60))
		want := risk.Assess(opt, "S", risk.Monitored, items, at)
		shuffled := slices.Clone(items)
		r.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		for i := range shuffled {
			if r.IntN(2) == 0 {
				ind := slices.Clone(shuffled[i].Indicators)
				slices.Reverse(ind)
				shuffled[i].Indicators = ind
			}
		}
		got := risk.Assess(opt, "S", risk.Monitored, shuffled, at)
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("trial %d: result depends on input order (-first +shuffled):\n%s", trial, diff)
		}
	}
}

// TestAccurateAggravatingItemNeverLowersScore: adding a graded item with p > 0 that reports
// an aggravating indicator (LR > 1) about the subject, from any source, never lowers the
// score, even when it displaces an earlier report from the same source as a repeat.
func TestAccurateAggravatingItemNeverLowersScore(t *testing.T) {
	opt := defaultOptions(t)
	cs := codes(opt)
	var aggravating []string
	for _, c := range cs {
		if opt.Indicators[c].LR > 1 {
			aggravating = append(aggravating, c)
		}
	}
	r := rand.New(rand.NewPCG(5, 6))
	for trial := range 1000 {
		items := randomItems(r, cs, r.IntN(40))
		before := risk.Assess(opt, "S", risk.Priority, items, at)
		extra := risk.Item{
			ID:         "NEW",
			Source:     fmt.Sprintf("S%d", r.IntN(8)),
			Subjects:   []risk.Assignment{{Subject: "S", Role: risk.RoleSubject}},
			Indicators: []string{aggravating[r.IntN(len(aggravating))]},
			P:          0.05 + 0.95*r.Float64(),
			Graded:     true,
			ReceivedAt: at.Add(-time.Duration(r.IntN(24*7*30)) * time.Hour),
		}
		if r.IntN(4) == 0 {
			extra.Originator = fmt.Sprintf("O%d", r.IntN(2))
		}
		after := risk.Assess(opt, "S", risk.Priority, append(slices.Clone(items), extra), at)
		if after.Score < before.Score || after.LogOdds < before.LogOdds-1e-12 {
			t.Fatalf("trial %d: adding %+v lowered score %v → %v (log-odds %v → %v)",
				trial, extra, before.Score, after.Score, before.LogOdds, after.LogOdds)
		}
	}
}

func TestOptionsFrom(t *testing.T) {
	opt := defaultOptions(t)
	if opt.CatalogueVersion != "1" || opt.Calibrated {
		t.Errorf("version %q calibrated %v, want 1 and false", opt.CatalogueVersion, opt.Calibrated)
	}
	if got := opt.Indicators["pathway.implementation"]; got != (risk.Indicator{LR: 60, HalfLifeWeeks: 2}) {
		t.Errorf("pathway.implementation = %+v", got)
	}
	if opt.Priors[risk.Priority] != 0.02 || opt.Priors[risk.Monitored] != 0.005 || opt.Priors[risk.Closed] != 0.002 {
		t.Errorf("priors = %v", opt.Priors)
	}
	if _, err := risk.OptionsFrom(nil); err == nil {
		t.Error("OptionsFrom(nil): no error")
	}
	c := catalogue.Default()
	delete(c.Priors, "closed")
	if _, err := risk.OptionsFrom(c); err == nil {
		t.Error("catalogue without a closed prior: no error")
	}
	c = catalogue.Default()
	c.Indicators[0].HalfLifeWeeks = 0
	if _, err := risk.OptionsFrom(c); err == nil {
		t.Error("zero half-life: no error")
	}
}

func TestHarmCap(t *testing.T) {
	opt := defaultOptions(t)
	opt.Harm.Cap = 2
	var items []risk.Item
	for i, code := range opt.Harm.Codes {
		items = append(items, risk.Item{
			ID: fmt.Sprint("H", i), Source: fmt.Sprint("S", i), Graded: true, P: 0.9, ReceivedAt: at,
			Subjects: []risk.Assignment{{Subject: "S"}}, Indicators: []string{code},
		})
	}
	a := risk.Assess(opt, "S", risk.Priority, items, at)
	if a.Harm != 2 {
		t.Errorf("harm = %d, want the cap 2", a.Harm)
	}
	opt.Harm.Cap = 5
	if a := risk.Assess(opt, "S", risk.Priority, items, at); a.Harm != 5 {
		t.Errorf("harm = %d, want 1 + 4 = 5", a.Harm)
	}
}

func TestEdgeCases(t *testing.T) {
	opt := defaultOptions(t)
	item := risk.Item{
		ID: "I1", Source: "S1", Graded: true, P: 0.9, ReceivedAt: at,
		Subjects:   []risk.Assignment{{Subject: "S"}},
		Indicators: []string{"leakage", "leakage", "no.such.indicator"},
	}
	t.Run("indicator listed twice counts once, unknown code skipped", func(t *testing.T) {
		a := risk.Assess(opt, "S", risk.Priority, []risk.Item{item}, at)
		if len(a.Contributions) != 1 || math.Abs(a.Contributions[0].LogLR-math.Log(7.3)) > 1e-15 {
			t.Errorf("contributions = %+v", a.Contributions)
		}
	})
	t.Run("ungraded item is not listed", func(t *testing.T) {
		it := item
		it.Graded = false
		a := risk.Assess(opt, "S", risk.Priority, []risk.Item{it}, at)
		if len(a.Contributions) != 0 || a.LogOdds != a.PriorLogOdds {
			t.Errorf("ungraded item contributed: %+v", a)
		}
	})
	t.Run("unknown status gets the smallest prior", func(t *testing.T) {
		a := risk.Assess(opt, "S", "archived", nil, at)
		b := risk.Assess(opt, "S", risk.Closed, nil, at)
		if a.PriorLogOdds != b.PriorLogOdds {
			t.Errorf("prior %v, want the closed prior %v", a.PriorLogOdds, b.PriorLogOdds)
		}
	})
	t.Run("no evidence", func(t *testing.T) {
		a := risk.Assess(opt, "S", risk.Priority, nil, at)
		if a.Contributions == nil || a.Confidence != risk.Low || a.Harm != 1 || a.CatalogueVersion != "1" || a.Calibrated {
			t.Errorf("%+v", a)
		}
	})
}

func BenchmarkAssess(b *testing.B) {
	opt := defaultOptions(b)
	items := randomItems(rand.New(rand.NewPCG(7, 8)), codes(opt), 40)
	for i := range items {
		items[i].Graded = true
		items[i].Subjects = []risk.Assignment{{Subject: "S", Role: risk.RoleSubject}}
	}
	b.ReportAllocs()
	for b.Loop() {
		risk.Assess(opt, "S", risk.Priority, items, at)
	}
}

// TestUnknownIndicatorLogged: a code the catalogue does not know moves nothing, and says so
// to the injected logger rather than failing the whole assessment.
func TestUnknownIndicatorLogged(t *testing.T) {
	opt, err := risk.OptionsFrom(catalogue.Default())
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	opt.Logger = slog.New(slog.NewTextHandler(&buf, nil))
	items := []risk.Item{{ID: "IT-X", Source: "S1", P: 0.9, Graded: true, ReceivedAt: at,
		Subjects: []risk.Assignment{{Subject: "A"}}, Indicators: []string{"no.such.code", "leakage"}}}
	a := risk.Assess(opt, "A", risk.Priority, items, at)
	if len(a.Contributions) != 1 || a.Contributions[0].Indicator != "leakage" {
		t.Errorf("contributions %+v, want leakage alone", a.Contributions)
	}
	if !strings.Contains(buf.String(), "indicator=no.such.code") || !strings.Contains(buf.String(), "item=IT-X") {
		t.Errorf("log %q does not name the skipped code and item", buf.String())
	}
}

// TestScoreMatchesAssess: a Scorer reused across many subjects gives what Assess gives,
// bit for bit, with only the contributions that count, in the same order.
func TestScoreMatchesAssess(t *testing.T) {
	opt := defaultOptions(t)
	cs := codes(opt)
	r := rand.New(rand.NewPCG(5, 6))
	var sc risk.Scorer
	for trial := range 500 {
		n := 1 + r.IntN(60)
		if trial%50 == 0 {
			n = 2000 // a large subject between small ones: the scorer's buffers shrink back
		}
		items := randomItems(r, cs, n)
		want := risk.Assess(opt, "S", risk.Priority, items, at)
		got := sc.Score(opt, "S", risk.Priority, items, at)
		var counted []risk.Contribution
		for _, c := range want.Contributions {
			if c.LogLR != 0 {
				counted = append(counted, c)
			}
		}
		if got.LogOdds != want.LogOdds || got.Probability != want.Probability || got.Score != want.Score {
			t.Fatalf("trial %d: score %v/%v/%v, assess %v/%v/%v", trial, got.LogOdds, got.Probability, got.Score,
				want.LogOdds, want.Probability, want.Score)
		}
		want.Contributions, got.Contributions = counted, slices.Clone(got.Contributions)
		if diff := cmp.Diff(want, got, cmpopts.EquateEmpty()); diff != "" {
			t.Fatalf("trial %d (-assess +score):\n%s", trial, diff)
		}
	}
}
