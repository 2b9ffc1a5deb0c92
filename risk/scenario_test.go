package risk_test

import (
	"bufio"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/vigil-oss/vigil/catalogue"
	"github.com/vigil-oss/vigil/grade"
	"github.com/vigil-oss/vigil/risk"
)

// A scenario file (testdata/*.txt) is read line by line; '#' starts a comment, which is where
// the expected numbers are worked out by hand. The lines are:
//
//	item ID source=S [originator=O] (p=0.51 [grade=SCHEME/SOURCE/INFO] | ungraded)
//	     received=T [occurred=T] subjects=A[:role],B:role [indicators=a,b] [derived] [retracted=T]
//	     [suspected_false]
//	assess SUBJECT STATUS AT
//	expect band|confidence|harm|prior_log_odds|log_odds|probability|score VALUE
//	expect change_1w|change_4w|rise VALUE
//	expect alert yes|no
//	expect alert_items ITEM,ITEM|none
//	expect flags SOURCE=REPORTS[,SOURCE=REPORTS]|none
//	contribution ITEM INDICATOR LOG_LR [repeat|derived|retracted]
//	contributions none
//
// Items accumulate through the file; each assess evaluates every item loaded so far. Expect
// and contribution lines check the latest assess; when any contribution line (or
// "contributions none") is given, the whole explanation must match, in order. Numbers are
// compared to within 1e-4, so that hand arithmetic to four decimals suffices; a discounted
// contribution must be exactly 0. change_Nw is Velocity over N weeks; rise, alert and
// alert_items are Escalation's; flags are FlagSources' (an originator is written ORIGINATOR*). A grade, when given, must give exactly the stated p under
// the default catalogue, so the files also check the accuracy table.

type check struct {
	subject string
	status  risk.Status
	at      time.Time
	items   int // how many items were loaded when assessed
	line    int
	expect  map[string]string
	contrib []wantContribution
	anyList bool // contributions were given (possibly none)
}

type wantContribution struct {
	item, indicator string
	logLR           float64
	discount        risk.Discount
	line            int
}

type scenario struct {
	items  []risk.Item
	checks []*check
}

func parseScenario(path string) (*scenario, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	values := catalogue.Default().Grades
	sc := &scenario{}
	s := bufio.NewScanner(f)
	n := 0
	for s.Scan() {
		n++
		line, _, _ := strings.Cut(s.Text(), "#")
		fields := strings.Fields(line)
		if len(fields) == 0 {
			continue
		}
		fail := func(format string, args ...any) error {
			return fmt.Errorf("%s:%d: %s", path, n, fmt.Sprintf(format, args...))
		}
		last := func() (*check, error) {
			if len(sc.checks) == 0 {
				return nil, fail("%s before any assess", fields[0])
			}
			return sc.checks[len(sc.checks)-1], nil
		}
		switch fields[0] {
		case "item":
			if len(fields) < 2 {
				return nil, fail("item: missing id")
			}
			it, err := parseItem(fields[1], fields[2:], values)
			if err != nil {
				return nil, fail("item %s: %v", fields[1], err)
			}
			sc.items = append(sc.items, it)
		case "assess":
			if len(fields) != 4 {
				return nil, fail("want assess SUBJECT STATUS AT")
			}
			at, err := time.Parse(time.RFC3339, fields[3])
			if err != nil {
				return nil, fail("%v", err)
			}
			sc.checks = append(sc.checks, &check{
				subject: fields[1], status: risk.Status(fields[2]), at: at,
				items: len(sc.items), line: n, expect: map[string]string{},
			})
		case "expect":
			c, err := last()
			if err != nil {
				return nil, err
			}
			if len(fields) < 3 {
				return nil, fail("want expect WHAT VALUE")
			}
			c.expect[fields[1]] = strings.Join(fields[2:], " ")
		case "contribution":
			c, err := last()
			if err != nil {
				return nil, err
			}
			if len(fields) != 4 && len(fields) != 5 {
				return nil, fail("want contribution ITEM INDICATOR LOG_LR [DISCOUNT]")
			}
			v, err := strconv.ParseFloat(fields[3], 64)
			if err != nil {
				return nil, fail("%v", err)
			}
			w := wantContribution{item: fields[1], indicator: fields[2], logLR: v, line: n}
			if len(fields) == 5 {
				w.discount = risk.Discount(fields[4])
			}
			c.contrib = append(c.contrib, w)
			c.anyList = true
		case "contributions":
			c, err := last()
			if err != nil {
				return nil, err
			}
			if len(fields) != 2 || fields[1] != "none" {
				return nil, fail("want contributions none")
			}
			c.anyList = true
		default:
			return nil, fail("unknown line %q", fields[0])
		}
	}
	return sc, s.Err()
}

func parseItem(id string, fields []string, values grade.Values) (risk.Item, error) {
	it := risk.Item{ID: id}
	var gradeSpec string
	for _, f := range fields {
		k, v, _ := strings.Cut(f, "=")
		var err error
		switch k {
		case "source":
			it.Source = v
		case "originator":
			it.Originator = v
		case "p":
			it.Graded = true
			it.P, err = strconv.ParseFloat(v, 64)
		case "grade":
			gradeSpec = v
		case "ungraded":
			it.Graded = false
		case "received":
			it.ReceivedAt, err = time.Parse(time.RFC3339, v)
		case "occurred":
			it.OccurredAt, err = time.Parse(time.RFC3339, v)
		case "retracted":
			it.RetractedAt, err = time.Parse(time.RFC3339, v)
		case "derived":
			it.Derived = true
		case "suspected_false":
			it.SuspectedFalse = true
		case "subjects":
			for _, s := range strings.Split(v, ",") {
				name, role, _ := strings.Cut(s, ":")
				it.Subjects = append(it.Subjects, risk.Assignment{Subject: name, Role: risk.Role(role)})
			}
		case "indicators":
			it.Indicators = strings.Split(v, ",")
		default:
			return it, fmt.Errorf("unknown field %q", k)
		}
		if err != nil {
			return it, fmt.Errorf("%s: %v", k, err)
		}
	}
	if it.Source == "" || it.ReceivedAt.IsZero() {
		return it, fmt.Errorf("source and received are required")
	}
	if gradeSpec != "" {
		parts := strings.Split(gradeSpec, "/")
		if len(parts) != 3 {
			return it, fmt.Errorf("grade %q: want SCHEME/SOURCE/INFO", gradeSpec)
		}
		sg, err := grade.ParseSource(grade.Scheme(parts[0]), parts[1])
		if err != nil {
			return it, err
		}
		ig, err := grade.ParseInformation(grade.Scheme(parts[0]), parts[2])
		if err != nil {
			return it, err
		}
		p, err := values.Accuracy(sg, ig)
		if err != nil {
			return it, err
		}
		if math.Abs(p-it.P) > 1e-12 {
			return it, fmt.Errorf("grade %s gives p = %v, file says %v", gradeSpec, p, it.P)
		}
	}
	return it, nil
}

const tolerance = 1e-4

func TestScenarios(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "*.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no scenario files in testdata")
	}
	opt, err := risk.OptionsFrom(catalogue.Default())
	if err != nil {
		t.Fatal(err)
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txt"), func(t *testing.T) {
			sc, err := parseScenario(file)
			if err != nil {
				t.Fatal(err)
			}
			if len(sc.checks) == 0 {
				t.Fatalf("%s: no assess line", file)
			}
			for _, c := range sc.checks {
				a := risk.Assess(opt, c.subject, c.status, sc.items[:c.items], c.at)
				runCheck(t, file, c, a)
				runAlertCheck(t, file, c, opt, sc.items[:c.items], a)
			}
		})
	}
}

func runCheck(t *testing.T, file string, c *check, a risk.Assessment) {
	t.Helper()
	where := fmt.Sprintf("%s:%d (assess %s at %s)", file, c.line, c.subject, c.at.Format(time.RFC3339))
	num := func(name string, got float64) { c.num(t, where, name, got) }
	num("prior_log_odds", a.PriorLogOdds)
	num("log_odds", a.LogOdds)
	num("probability", a.Probability)
	num("score", a.Score)
	if want, ok := c.expect["band"]; ok && string(a.Band) != want {
		t.Errorf("%s: band = %q, want %q (probability %.6f)", where, a.Band, want, a.Probability)
	}
	if want, ok := c.expect["confidence"]; ok && string(a.Confidence) != want {
		t.Errorf("%s: confidence = %q, want %q", where, a.Confidence, want)
	}
	if want, ok := c.expect["harm"]; ok && strconv.Itoa(a.Harm) != want {
		t.Errorf("%s: harm = %d, want %s", where, a.Harm, want)
	}
	for k := range c.expect {
		switch k {
		case "prior_log_odds", "log_odds", "probability", "score", "band", "confidence", "harm":
		case "change_1w", "change_4w", "rise", "alert", "alert_items", "flags":
		default:
			t.Errorf("%s: unknown expectation %q", where, k)
		}
	}
	if !c.anyList {
		return
	}
	if len(a.Contributions) != len(c.contrib) {
		t.Errorf("%s: %d contributions, want %d:\n%s", where, len(a.Contributions), len(c.contrib), describe(a.Contributions))
		return
	}
	for i, w := range c.contrib {
		g := a.Contributions[i]
		ok := g.Item == w.item && g.Indicator == w.indicator && g.Discount == w.discount &&
			math.Abs(g.LogLR-w.logLR) <= tolerance && (w.discount == "" || g.LogLR == 0)
		if !ok {
			t.Errorf("%s:%d: contribution %d = %s %s %.6f %q, want %s %s %v %q\nall:\n%s", file, w.line, i,
				g.Item, g.Indicator, g.LogLR, g.Discount, w.item, w.indicator, w.logLR, w.discount, describe(a.Contributions))
			return
		}
	}
}

func describe(cs []risk.Contribution) string {
	var b strings.Builder
	for _, c := range cs {
		fmt.Fprintf(&b, "\t%s %s %.6f %s (p %.4f, lr %g, age %.4f w, decay %.6f)\n",
			c.Item, c.Indicator, c.LogLR, c.Discount, c.P, c.LR, c.AgeWeeks, c.Decay)
	}
	return b.String()
}

// runAlertCheck checks the expectations about velocity, escalation and source flags.
func runAlertCheck(t *testing.T, file string, c *check, opt risk.Options, items []risk.Item, a risk.Assessment) {
	t.Helper()
	where := fmt.Sprintf("%s:%d (assess %s at %s)", file, c.line, c.subject, c.at.Format(time.RFC3339))
	num := func(name string, got float64) { c.num(t, where, name, got) }
	_, v1 := c.expect["change_1w"]
	_, v4 := c.expect["change_4w"]
	if v1 || v4 {
		for _, ch := range risk.Velocity(opt, a, items) {
			num(fmt.Sprintf("change_%dw", ch.Weeks), ch.Delta)
		}
	}
	al, fired := risk.Escalation(opt, a, items)
	num("rise", al.Rise)
	if want, ok := c.expect["alert"]; ok {
		if got := map[bool]string{true: "yes", false: "no"}[fired]; got != want {
			t.Errorf("%s: alert = %s (rise %.6f, items %v), want %s", where, got, al.Rise, al.Items, want)
		}
	}
	if want, ok := c.expect["alert_items"]; ok {
		got := strings.Join(al.Items, ",")
		if got == "" {
			got = "none"
		}
		if got != want {
			t.Errorf("%s: alert_items = %s, want %s", where, got, want)
		}
	}
	if want, ok := c.expect["flags"]; ok {
		var parts []string
		for _, f := range risk.FlagSources(opt, c.subject, items, c.at) {
			name := f.Source
			if f.Originator {
				name += "*"
			}
			if f.Reports != len(f.Items) || f.Subject != c.subject {
				t.Errorf("%s: flag %+v: inconsistent", where, f)
			}
			parts = append(parts, fmt.Sprintf("%s=%d", name, f.Reports))
		}
		got := strings.Join(parts, ",")
		if got == "" {
			got = "none"
		}
		if got != want {
			t.Errorf("%s: flags = %s, want %s", where, got, want)
		}
	}
}

// num checks a numeric expectation, if the scenario states one.
func (c *check) num(t *testing.T, where, name string, got float64) {
	t.Helper()
	want, ok := c.expect[name]
	if !ok {
		return
	}
	w, err := strconv.ParseFloat(want, 64)
	if err != nil {
		t.Errorf("%s: expect %s: %v", where, name, err)
		return
	}
	if math.Abs(got-w) > tolerance {
		t.Errorf("%s: %s = %.6f, want %s", where, name, got, want)
	}
}
