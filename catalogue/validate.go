package catalogue

import (
	"fmt"
	"slices"
	"sort"
	"strings"
)

// statuses are the subject statuses that need a prior, in the order errors report them.
func statuses() []string { return []string{"priority", "monitored", "closed"} }

func (c *Catalogue) validate() error {
	if strings.TrimSpace(c.Version) == "" {
		return &Error{"version", "missing"}
	}
	switch c.Status {
	case Uncalibrated, Calibrated:
	case "":
		return &Error{"status", "missing"}
	default:
		return &Error{"status", fmt.Sprintf("%q: want uncalibrated or calibrated", c.Status)}
	}
	if err := c.validateIndicators(); err != nil {
		return err
	}
	if err := c.validatePriors(); err != nil {
		return err
	}
	if err := c.Grades.Validate(); err != nil {
		return &Error{"grades", err.Error()}
	}
	return c.validateThresholds()
}

func (c *Catalogue) validateIndicators() error {
	if len(c.Indicators) == 0 {
		return &Error{"indicators", "missing"}
	}
	seen := make(map[string]int, len(c.Indicators))
	for i, ind := range c.Indicators {
		field := func(name string) string { return fmt.Sprintf("indicators[%d].%s", i, name) }
		if !validCode(ind.Code) {
			return &Error{field("code"), fmt.Sprintf("%q: want lowercase words joined by dots, e.g. pathway.planning", ind.Code)}
		}
		if j, dup := seen[ind.Code]; dup {
			return &Error{field("code"), fmt.Sprintf("%q duplicates indicators[%d]", ind.Code, j)}
		}
		seen[ind.Code] = i
		if strings.TrimSpace(ind.Meaning) == "" {
			return &Error{field("meaning"), "missing"}
		}
		// Written so that NaN fails too.
		if !(ind.LR > 0) {
			return &Error{field("lr"), fmt.Sprintf("must be > 0, got %v", ind.LR)}
		}
		if ind.LR == 1 {
			return &Error{field("lr"), "must not be 1: such an indicator would never move the odds"}
		}
		if !(ind.HalfLifeWeeks > 0) {
			return &Error{field("half_life_weeks"), fmt.Sprintf("must be > 0, got %v", ind.HalfLifeWeeks)}
		}
		// The brief requires every indicator to carry its proxy review.
		if strings.TrimSpace(ind.ProxyReview) == "" {
			return &Error{field("proxy_review"), "missing: say how this could stand in for who someone is, and how analysts avoid that"}
		}
	}
	return nil
}

// validCode reports whether code matches ^[a-z_]+(\.[a-z_]+)*$.
func validCode(code string) bool {
	for part := range strings.SplitSeq(code, ".") {
		if part == "" {
			return false
		}
		for _, r := range part {
			if (r < 'a' || r > 'z') && r != '_' {
				return false
			}
		}
	}
	return true
}

func (c *Catalogue) validatePriors() error {
	if c.Priors == nil {
		return &Error{"priors", "missing"}
	}
	want := statuses()
	var extra []string
	for s := range c.Priors {
		if !slices.Contains(want, s) {
			extra = append(extra, s)
		}
	}
	if len(extra) > 0 {
		sort.Strings(extra)
		return &Error{"priors." + extra[0], "unknown subject status, want priority, monitored or closed"}
	}
	for _, s := range want {
		p, ok := c.Priors[s]
		if !ok {
			return &Error{"priors." + s, "missing"}
		}
		// 0 and 1 would be certainty, which no evidence could ever move.
		if !(p > 0 && p < 1) {
			return &Error{"priors." + s, fmt.Sprintf("must be in (0, 1), got %v", p)}
		}
	}
	return nil
}

func (c *Catalogue) validateThresholds() error {
	t := c.Thresholds
	if !(t.Alert.LogOddsRise > 0) {
		return &Error{"thresholds.alert.log_odds_rise", fmt.Sprintf("must be > 0, got %v", t.Alert.LogOddsRise)}
	}
	if t.Alert.WindowDays < 1 {
		return &Error{"thresholds.alert.window_days", fmt.Sprintf("must be at least 1, got %d", t.Alert.WindowDays)}
	}

	cf := t.Confidence
	if cf.WindowWeeks < 1 {
		return &Error{"thresholds.confidence.window_weeks", fmt.Sprintf("must be at least 1, got %d", cf.WindowWeeks)}
	}
	if !(cf.MinAccuracy > 0 && cf.MinAccuracy <= 1) {
		return &Error{"thresholds.confidence.min_accuracy", fmt.Sprintf("must be in (0, 1], got %v", cf.MinAccuracy)}
	}
	if cf.ModerateSources < 1 {
		return &Error{"thresholds.confidence.moderate_sources", fmt.Sprintf("must be at least 1, got %d", cf.ModerateSources)}
	}
	if cf.HighSources <= cf.ModerateSources {
		return &Error{"thresholds.confidence.high_sources", fmt.Sprintf("must be more than moderate_sources (%d), got %d", cf.ModerateSources, cf.HighSources)}
	}
	if !(cf.SingleSourceMinAccuracy >= cf.MinAccuracy && cf.SingleSourceMinAccuracy <= 1) {
		return &Error{"thresholds.confidence.single_source_min_accuracy", fmt.Sprintf("must be in [min_accuracy (%v), 1], got %v", cf.MinAccuracy, cf.SingleSourceMinAccuracy)}
	}

	h := t.Harm
	if len(h.Codes) == 0 {
		return &Error{"thresholds.harm.codes", "missing: name the capability and pathway indicators that raise harm"}
	}
	for i, code := range h.Codes {
		field := fmt.Sprintf("thresholds.harm.codes[%d]", i)
		ind, ok := c.Indicator(code)
		if !ok {
			return &Error{field, fmt.Sprintf("%q is not a catalogue indicator", code)}
		}
		if ind.Mitigating() {
			return &Error{field, fmt.Sprintf("%q is mitigating (lr %v) and can never raise harm", code, ind.LR)}
		}
		if j := slices.Index(h.Codes, code); j < i {
			return &Error{field, fmt.Sprintf("%q duplicates codes[%d]", code, j)}
		}
	}
	// A zero minimum would count reports that moved nothing, such as E-graded ones.
	if !(h.MinContribution > 0) {
		return &Error{"thresholds.harm.min_contribution", fmt.Sprintf("must be > 0, got %v", h.MinContribution)}
	}
	// Harm multiplies probability: a base below 1 would hide subjects without capability.
	if h.Base < 1 {
		return &Error{"thresholds.harm.base", fmt.Sprintf("must be at least 1, got %d", h.Base)}
	}
	if h.Cap < h.Base {
		return &Error{"thresholds.harm.cap", fmt.Sprintf("must be at least base (%d), got %d", h.Base, h.Cap)}
	}

	if t.SourceFlag.EGradedReports < 1 {
		return &Error{"thresholds.source_flag.e_graded_reports", fmt.Sprintf("must be at least 1, got %d", t.SourceFlag.EGradedReports)}
	}

	if len(t.VelocityWeeks) == 0 {
		return &Error{"thresholds.velocity_weeks", "missing"}
	}
	for i, w := range t.VelocityWeeks {
		if w < 1 {
			return &Error{fmt.Sprintf("thresholds.velocity_weeks[%d]", i), fmt.Sprintf("must be at least 1, got %d", w)}
		}
		if i > 0 && w <= t.VelocityWeeks[i-1] {
			return &Error{fmt.Sprintf("thresholds.velocity_weeks[%d]", i), fmt.Sprintf("must be more than the window before it (%d), got %d", t.VelocityWeeks[i-1], w)}
		}
	}
	return nil
}
