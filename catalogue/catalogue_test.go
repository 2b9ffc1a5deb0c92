package catalogue

import (
	"errors"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/vigil-oss/vigil/grade"
)

func TestDefaultParses(t *testing.T) {
	c, err := Parse([]byte(defaultJSON))
	if err != nil {
		t.Fatal(err)
	}
	if c.Version != "1" || c.Status != Uncalibrated || !c.EffectiveFrom.Equal(time.Time{}) {
		t.Errorf("version %q, status %q, effective from %v", c.Version, c.Status, c.EffectiveFrom)
	}
	if got, want := c.Label(), "model estimate, uncalibrated (catalogue v1)"; got != want {
		t.Errorf("Label() = %q, want %q", got, want)
	}
}

// TestDefaultMatchesBrief is the spec check: the tables below are copied from the brief,
// not from default.json, so a change to either shows up here.
func TestDefaultMatchesBrief(t *testing.T) {
	c := Default()

	type row struct {
		code, meaning string
		lr, halfLife  float64
	}
	want := []row{
		{"expression.support_for_violence", "voices support for violence for a cause", 1.5, 52},
		{"material.consumption", "consumes or shares propaganda that promotes violence", 1.5, 52},
		{"association.violent_extremist", "associates with people known to have planned or used violence", 2, 26},
		{"criminality.other", "other offending (fraud, assault, ...)", 1.3, 26},
		{"travel.conflict_zone", "travel to join or train with an armed group", 3, 52},
		{"fixation", "growing preoccupation with a person or cause", 3, 12},
		{"identification", "identifies with previous attackers, 'warrior' self-image", 4, 12},
		{"novel_aggression", "violence unrelated to the cause, as if testing", 4, 12},
		{"energy_burst", "sudden increase in activity", 3, 4},
		{"last_resort", "expresses desperation, a time imperative", 5, 8},
		{"threat.direct", "directly communicated threat", 6, 8},
		{"leakage", "tells a third party of intent", 8, 8},
		{"capability.weapons", "access to weapons or materials", 6, 26},
		{"capability.skills", "relevant training or skills", 3, 52},
		{"pathway.research", "researches targets or methods", 10, 8},
		{"pathway.planning", "plans an attack", 20, 8},
		{"pathway.preparation", "acquires means for an attack", 40, 6},
		{"pathway.implementation", "hostile reconnaissance, moves toward a target", 60, 2},
		{"protective.disengagement", "credible sign of disengagement", 0.5, 26},
		{"protective.intervention", "engages with an intervention programme", 0.6, 26},
	}
	var got []row
	for _, ind := range c.Indicators {
		got = append(got, row{ind.Code, ind.Meaning, ind.LR, ind.HalfLifeWeeks})
		if len(ind.ProxyReview) < 40 {
			t.Errorf("%s: proxy review too short to say anything: %q", ind.Code, ind.ProxyReview)
		}
	}
	if diff := cmp.Diff(want, got, cmp.AllowUnexported(row{})); diff != "" {
		t.Errorf("indicators (-brief +default):\n%s", diff)
	}

	wantPriors := map[string]float64{"priority": 0.02, "monitored": 0.005, "closed": 0.002}
	if diff := cmp.Diff(wantPriors, c.Priors); diff != "" {
		t.Errorf("priors (-brief +default):\n%s", diff)
	}

	wantGrades := grade.Values{
		Source: map[grade.Scheme]map[string]float64{
			grade.UK:         {"1": 0.9, "2": 0.6, "3": 0.3},
			grade.Admiralty:  {"A": 0.95, "B": 0.85, "C": 0.6, "D": 0.4, "E": 0.25, "F": 0.6},
			grade.FiveByFive: {"A": 0.95, "B": 0.85, "C": 0.6, "D": 0.3, "E": 0.6},
		},
		Information: map[grade.Scheme]map[string]float64{
			grade.UK:         {"A": 1.0, "B": 0.85, "C": 0.6, "D": 0.4, "E": 0},
			grade.Admiralty:  {"1": 1.0, "2": 0.85, "3": 0.6, "4": 0.35, "5": 0.1, "6": 0.4},
			grade.FiveByFive: {"1": 1.0, "2": 0.95, "3": 0.85, "4": 0.4, "5": 0},
		},
	}
	if diff := cmp.Diff(wantGrades, c.Grades); diff != "" {
		t.Errorf("grades (-brief +default):\n%s", diff)
	}

	wantThresholds := Thresholds{
		Alert: Alert{LogOddsRise: 1.5, WindowDays: 7},
		Confidence: Confidence{
			WindowWeeks: 12, MinAccuracy: 0.5, HighSources: 3, ModerateSources: 2,
			SingleSourceMinAccuracy: 0.75,
		},
		Harm: Harm{
			Codes:           []string{"capability.weapons", "capability.skills", "pathway.preparation", "pathway.implementation"},
			MinContribution: 0.1, Base: 1, Cap: 5,
		},
		SourceFlag:    SourceFlag{EGradedReports: 3},
		VelocityWeeks: []int{1, 4},
	}
	if diff := cmp.Diff(wantThresholds, c.Thresholds); diff != "" {
		t.Errorf("thresholds (-brief +default):\n%s", diff)
	}
}

func TestDefaultAccuracy(t *testing.T) {
	v := Default().Grades
	for _, tc := range []struct {
		scheme       grade.Scheme
		source, info string
		want         float64
	}{
		{grade.UK, "1", "A", 0.9},
		{grade.UK, "2", "C", 0.36},
		{grade.UK, "3", "B", 0.255},
		{grade.UK, "1", "E", 0},
		{grade.Admiralty, "B", "2", 0.7225},
		{grade.Admiralty, "E", "5", 0.025},
		{grade.FiveByFive, "A", "2", 0.9025},
		{grade.FiveByFive, "D", "5", 0},
	} {
		s, err := grade.ParseSource(tc.scheme, tc.source)
		if err != nil {
			t.Fatal(err)
		}
		i, err := grade.ParseInformation(tc.scheme, tc.info)
		if err != nil {
			t.Fatal(err)
		}
		got, err := v.Accuracy(s, i)
		if err != nil {
			t.Fatal(err)
		}
		if math.Abs(got-tc.want) > 1e-12 {
			t.Errorf("%s %s/%s = %v, want %v", tc.scheme, tc.source, tc.info, got, tc.want)
		}
	}
}

func TestDefaultIsFresh(t *testing.T) {
	a := Default()
	a.Priors["priority"] = 0.9
	a.Indicators[0].LR = 100
	b := Default()
	if b.Priors["priority"] != 0.02 || b.Indicators[0].LR != 1.5 {
		t.Error("changes to one Default() leak into the next")
	}
}

func TestIndicator(t *testing.T) {
	c := Default()
	ind, ok := c.Indicator("pathway.planning")
	if !ok || ind.LR != 20 || ind.HalfLifeWeeks != 8 || ind.Mitigating() {
		t.Errorf("pathway.planning = %+v, %v", ind, ok)
	}
	if got, want := ind.HalfLife(), 8*7*24*time.Hour; got != want {
		t.Errorf("HalfLife() = %v, want %v", got, want)
	}
	if _, ok := c.Indicator("pathway"); ok {
		t.Error("found a code that is not in the catalogue")
	}
	var mitigating []string
	for _, ind := range c.Indicators {
		if ind.Mitigating() {
			mitigating = append(mitigating, ind.Code)
		}
	}
	if diff := cmp.Diff([]string{"protective.disengagement", "protective.intervention"}, mitigating); diff != "" {
		t.Errorf("mitigating (-want +got):\n%s", diff)
	}
	// A catalogue built by hand, without Parse, still answers.
	hand := &Catalogue{Indicators: []Indicator{{Code: "x", LR: 2}}}
	if ind, ok := hand.Indicator("x"); !ok || ind.LR != 2 {
		t.Errorf("hand-built lookup = %+v, %v", ind, ok)
	}
	if _, ok := hand.Indicator("y"); ok {
		t.Error("hand-built lookup found y")
	}
}

func TestDurations(t *testing.T) {
	th := Default().Thresholds
	if got := th.Alert.Window(); got != 7*24*time.Hour {
		t.Errorf("alert window %v", got)
	}
	if got := th.Confidence.Window(); got != 12*7*24*time.Hour {
		t.Errorf("confidence window %v", got)
	}
	if diff := cmp.Diff([]time.Duration{7 * 24 * time.Hour, 28 * 24 * time.Hour}, th.Velocity()); diff != "" {
		t.Errorf("velocity (-want +got):\n%s", diff)
	}
}

func TestLabel(t *testing.T) {
	c := Default()
	c.Version, c.Status = "7", Calibrated
	if got := c.Label(); got != "catalogue v7" {
		t.Errorf("calibrated label %q", got)
	}
}

func TestRoundTrip(t *testing.T) {
	want := Default()
	data, err := want.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	got, err := Parse(data)
	if err != nil {
		t.Fatalf("Parse(Marshal()): %v", err)
	}
	if diff := cmp.Diff(want, got, cmpopts.IgnoreUnexported(Catalogue{})); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}

	// A later version with its own effective time survives too.
	want.Version, want.Status = "2", Calibrated
	want.EffectiveFrom = time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)
	data, err = want.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	if got, err = Parse(data); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got, cmpopts.IgnoreUnexported(Catalogue{})); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
}

// TestDefaultIsCanonical keeps default.json in the form Marshal writes, so that an edited
// catalogue exported from Vigil diffs cleanly against it.
func TestDefaultIsCanonical(t *testing.T) {
	data, err := Default().Marshal()
	if err != nil {
		t.Fatal(err)
	}
	if string(data) != defaultJSON {
		t.Errorf("default.json is not in canonical form (-file +Marshal):\n%s", cmp.Diff(defaultJSON, string(data)))
	}
}

func TestParseRejects(t *testing.T) {
	for _, tc := range []struct {
		name   string
		mutate func(c *Catalogue)
		want   string
	}{
		{"empty version", func(c *Catalogue) { c.Version = " " }, "catalogue: version: missing"},
		{"missing status", func(c *Catalogue) { c.Status = "" }, "catalogue: status: missing"},
		{"unknown status", func(c *Catalogue) { c.Status = "draft" }, `catalogue: status: "draft": want uncalibrated or calibrated`},
		{"no indicators", func(c *Catalogue) { c.Indicators = nil }, "catalogue: indicators: missing"},
		{"uppercase code", func(c *Catalogue) { c.Indicators[2].Code = "Association" },
			`catalogue: indicators[2].code: "Association": want lowercase words joined by dots, e.g. pathway.planning`},
		{"empty code", func(c *Catalogue) { c.Indicators[0].Code = "" },
			`catalogue: indicators[0].code: "": want lowercase words joined by dots, e.g. pathway.planning`},
		{"code with empty part", func(c *Catalogue) { c.Indicators[1].Code = "pathway..planning" },
			`catalogue: indicators[1].code: "pathway..planning": want lowercase words joined by dots, e.g. pathway.planning`},
		{"code with trailing dot", func(c *Catalogue) { c.Indicators[1].Code = "pathway." },
			`catalogue: indicators[1].code: "pathway.": want lowercase words joined by dots, e.g. pathway.planning`},
		{"code with digit", func(c *Catalogue) { c.Indicators[1].Code = "pathway2" },
			`catalogue: indicators[1].code: "pathway2": want lowercase words joined by dots, e.g. pathway.planning`},
		{"duplicate code", func(c *Catalogue) { c.Indicators[5].Code = c.Indicators[2].Code },
			`catalogue: indicators[5].code: "association.violent_extremist" duplicates indicators[2]`},
		{"no meaning", func(c *Catalogue) { c.Indicators[4].Meaning = "" }, "catalogue: indicators[4].meaning: missing"},
		{"negative lr", func(c *Catalogue) { c.Indicators[3].LR = -2 }, "catalogue: indicators[3].lr: must be > 0, got -2"},
		{"zero lr", func(c *Catalogue) { c.Indicators[3].LR = 0 }, "catalogue: indicators[3].lr: must be > 0, got 0"},
		{"lr of one", func(c *Catalogue) { c.Indicators[3].LR = 1 },
			"catalogue: indicators[3].lr: must not be 1: such an indicator would never move the odds"},
		{"zero half-life", func(c *Catalogue) { c.Indicators[6].HalfLifeWeeks = 0 },
			"catalogue: indicators[6].half_life_weeks: must be > 0, got 0"},
		{"no proxy review", func(c *Catalogue) { c.Indicators[7].ProxyReview = "  " },
			"catalogue: indicators[7].proxy_review: missing: say how this could stand in for who someone is, and how analysts avoid that"},
		{"no priors", func(c *Catalogue) { c.Priors = nil }, "catalogue: priors: missing"},
		{"missing prior", func(c *Catalogue) { delete(c.Priors, "closed") }, "catalogue: priors.closed: missing"},
		{"unknown prior", func(c *Catalogue) { c.Priors["suspended"] = 0.01 },
			"catalogue: priors.suspended: unknown subject status, want priority, monitored or closed"},
		{"prior of zero", func(c *Catalogue) { c.Priors["monitored"] = 0 }, "catalogue: priors.monitored: must be in (0, 1), got 0"},
		{"prior of one", func(c *Catalogue) { c.Priors["priority"] = 1 }, "catalogue: priors.priority: must be in (0, 1), got 1"},
		{"missing grade", func(c *Catalogue) { delete(c.Grades.Source[grade.Admiralty], "C") },
			"catalogue: grades: source.admiralty.C: missing"},
		{"grade above one", func(c *Catalogue) { c.Grades.Information[grade.UK]["A"] = 1.2 },
			"catalogue: grades: information.3x5x2.A: must be in [0, 1], got 1.2"},
		{"alert rise zero", func(c *Catalogue) { c.Thresholds.Alert.LogOddsRise = 0 },
			"catalogue: thresholds.alert.log_odds_rise: must be > 0, got 0"},
		{"alert window zero", func(c *Catalogue) { c.Thresholds.Alert.WindowDays = 0 },
			"catalogue: thresholds.alert.window_days: must be at least 1, got 0"},
		{"confidence window zero", func(c *Catalogue) { c.Thresholds.Confidence.WindowWeeks = 0 },
			"catalogue: thresholds.confidence.window_weeks: must be at least 1, got 0"},
		{"confidence accuracy above one", func(c *Catalogue) { c.Thresholds.Confidence.MinAccuracy = 1.5 },
			"catalogue: thresholds.confidence.min_accuracy: must be in (0, 1], got 1.5"},
		{"moderate zero", func(c *Catalogue) { c.Thresholds.Confidence.ModerateSources = 0 },
			"catalogue: thresholds.confidence.moderate_sources: must be at least 1, got 0"},
		{"high not above moderate", func(c *Catalogue) { c.Thresholds.Confidence.HighSources = 2 },
			"catalogue: thresholds.confidence.high_sources: must be more than moderate_sources (2), got 2"},
		{"single source below min", func(c *Catalogue) { c.Thresholds.Confidence.SingleSourceMinAccuracy = 0.4 },
			"catalogue: thresholds.confidence.single_source_min_accuracy: must be in [min_accuracy (0.5), 1], got 0.4"},
		{"no harm codes", func(c *Catalogue) { c.Thresholds.Harm.Codes = nil },
			"catalogue: thresholds.harm.codes: missing: name the capability and pathway indicators that raise harm"},
		{"unknown harm code", func(c *Catalogue) { c.Thresholds.Harm.Codes[1] = "capability.money" },
			`catalogue: thresholds.harm.codes[1]: "capability.money" is not a catalogue indicator`},
		{"mitigating harm code", func(c *Catalogue) { c.Thresholds.Harm.Codes[0] = "protective.intervention" },
			`catalogue: thresholds.harm.codes[0]: "protective.intervention" is mitigating (lr 0.6) and can never raise harm`},
		{"duplicate harm code", func(c *Catalogue) { c.Thresholds.Harm.Codes[3] = "capability.skills" },
			`catalogue: thresholds.harm.codes[3]: "capability.skills" duplicates codes[1]`},
		{"harm minimum zero", func(c *Catalogue) { c.Thresholds.Harm.MinContribution = 0 },
			"catalogue: thresholds.harm.min_contribution: must be > 0, got 0"},
		{"harm base zero", func(c *Catalogue) { c.Thresholds.Harm.Base = 0 },
			"catalogue: thresholds.harm.base: must be at least 1, got 0"},
		{"harm cap below base", func(c *Catalogue) { c.Thresholds.Harm.Cap = 0 },
			"catalogue: thresholds.harm.cap: must be at least base (1), got 0"},
		{"source flag zero", func(c *Catalogue) { c.Thresholds.SourceFlag.EGradedReports = 0 },
			"catalogue: thresholds.source_flag.e_graded_reports: must be at least 1, got 0"},
		{"no velocity", func(c *Catalogue) { c.Thresholds.VelocityWeeks = nil },
			"catalogue: thresholds.velocity_weeks: missing"},
		{"velocity zero", func(c *Catalogue) { c.Thresholds.VelocityWeeks = []int{0, 4} },
			"catalogue: thresholds.velocity_weeks[0]: must be at least 1, got 0"},
		{"velocity not increasing", func(c *Catalogue) { c.Thresholds.VelocityWeeks = []int{4, 4} },
			"catalogue: thresholds.velocity_weeks[1]: must be more than the window before it (4), got 4"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := Default()
			tc.mutate(c)
			data, err := c.Marshal()
			if err != nil {
				t.Fatal(err)
			}
			_, err = Parse(data)
			if err == nil {
				t.Fatalf("accepted, want %s", tc.want)
			}
			var ce *Error
			if !errors.As(err, &ce) {
				t.Errorf("error %v is %T, want *Error", err, err)
			}
			if err.Error() != tc.want {
				t.Errorf("error:\n got %s\nwant %s", err, tc.want)
			}
		})
	}
}

func TestParseRejectsMalformedJSON(t *testing.T) {
	good := defaultJSON
	for _, tc := range []struct {
		name, data, want string
	}{
		{"not JSON", "version: 1", "catalogue: invalid character"},
		{"empty", "", "catalogue: EOF"},
		{"unknown top-level field", strings.Replace(good, `"status"`, `"statsu": "x", "status"`, 1),
			`catalogue: json: unknown field "statsu"`},
		{"unknown threshold", strings.Replace(good, `"window_days"`, `"window_hours": 1, "window_days"`, 1),
			`catalogue: json: unknown field "window_hours"`},
		{"wrong type", strings.Replace(good, `"version": "1"`, `"version": 1`, 1), "catalogue: json: cannot unmarshal number"},
		{"missing effective_from", strings.Replace(good, `"effective_from": "0001-01-01T00:00:00Z",`, "", 1),
			"catalogue: effective_from: missing"},
		{"bad effective_from", strings.Replace(good, `"0001-01-01T00:00:00Z"`, `"yesterday"`, 1),
			"catalogue: parsing time"},
		{"trailing data", good + "{}", "catalogue: unexpected data after the catalogue object"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse([]byte(tc.data))
			if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
				t.Errorf("error %v, want prefix %q", err, tc.want)
			}
		})
	}
}
