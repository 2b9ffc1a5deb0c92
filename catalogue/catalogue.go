// Package catalogue holds the risk model's numbers: the behavioural indicators with their
// likelihood ratios and half-lives, the priors by subject status, the accuracy of every
// native intelligence grade, and the thresholds for harm, confidence, alerts and velocity.
//
// The numbers live in data, not code, so that changing one is a new catalogue version with
// its own effective time: any past score can be recomputed under the catalogue that was in
// force then, and a new version can be backtested against history. The embedded default
// (default.json) is version 1, effective from the beginning of time, and uncalibrated: its
// likelihood ratios are illustrative starting points, and Label says so wherever a number
// derived from it is shown.
//
// Every indicator describes behaviour, never who someone is, and carries a proxy review:
// how it could stand in for a protected attribute and how analysts keep it from doing so.
package catalogue

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/vigil-oss/vigil/grade"
)

// defaultJSON is a string, not a []byte, so that the embedded default cannot be changed.
//
//go:embed default.json
var defaultJSON string

// Status says whether a catalogue's numbers have been calibrated against outcomes.
type Status string

// The catalogue statuses.
const (
	Uncalibrated Status = "uncalibrated"
	Calibrated   Status = "calibrated"
)

// Catalogue is one version of the risk model's numbers. Obtain one from Default or Parse,
// which validate it; treat it as read-only afterwards.
type Catalogue struct {
	Version       string             `json:"version"`
	EffectiveFrom time.Time          `json:"effective_from"`
	Status        Status             `json:"status"`
	Indicators    []Indicator        `json:"indicators"`
	Priors        map[string]float64 `json:"priors"` // by subject status: priority, monitored, closed
	Grades        grade.Values       `json:"grades"`
	Thresholds    Thresholds         `json:"thresholds"`

	index map[string]int // indicator code → position in Indicators, built by Parse
}

// Indicator is a behaviour that moves the odds that a subject is planning or preparing an
// attack: by its likelihood ratio LR when fully reliable, fading with its half-life.
type Indicator struct {
	Code          string  `json:"code"`
	Meaning       string  `json:"meaning"`
	LR            float64 `json:"lr"`
	HalfLifeWeeks float64 `json:"half_life_weeks"`
	ProxyReview   string  `json:"proxy_review"`
}

// Mitigating reports whether the indicator lowers the odds (LR < 1), as a protective
// factor does.
func (i Indicator) Mitigating() bool { return i.LR < 1 }

// HalfLife returns the half-life as a duration.
func (i Indicator) HalfLife() time.Duration {
	return time.Duration(i.HalfLifeWeeks * float64(week))
}

const week = 7 * 24 * time.Hour

// Thresholds are the numbers that turn scores into harm, confidence, alerts and flags.
type Thresholds struct {
	Alert      Alert      `json:"alert"`
	Confidence Confidence `json:"confidence"`
	Harm       Harm       `json:"harm"`
	SourceFlag SourceFlag `json:"source_flag"`
	// VelocityWeeks are the windows, in increasing order, over which the change of
	// log-odds is reported.
	VelocityWeeks []int `json:"velocity_weeks"`
}

// Velocity returns the velocity windows as durations.
func (t Thresholds) Velocity() []time.Duration {
	d := make([]time.Duration, len(t.VelocityWeeks))
	for i, w := range t.VelocityWeeks {
		d[i] = time.Duration(w) * week
	}
	return d
}

// Alert fires when new evidence raises a subject's log-odds by more than LogOddsRise within
// WindowDays.
type Alert struct {
	LogOddsRise float64 `json:"log_odds_rise"`
	WindowDays  int     `json:"window_days"`
}

// Window returns the alert window as a duration.
func (a Alert) Window() time.Duration { return time.Duration(a.WindowDays) * 24 * time.Hour }

// Confidence counts independent sources with accuracy at least MinAccuracy that contributed
// within WindowWeeks: HighSources or more give high confidence; ModerateSources, or a single
// source with accuracy at least SingleSourceMinAccuracy, give moderate; anything less, low.
type Confidence struct {
	WindowWeeks             int     `json:"window_weeks"`
	MinAccuracy             float64 `json:"min_accuracy"`
	HighSources             int     `json:"high_sources"`
	ModerateSources         int     `json:"moderate_sources"`
	SingleSourceMinAccuracy float64 `json:"single_source_min_accuracy"`
}

// Window returns the confidence window as a duration.
func (c Confidence) Window() time.Duration { return time.Duration(c.WindowWeeks) * week }

// Harm = Base + the number of distinct Codes with a contribution of at least
// MinContribution, capped at Cap.
type Harm struct {
	Codes           []string `json:"codes"`
	MinContribution float64  `json:"min_contribution"`
	Base            int      `json:"base"`
	Cap             int      `json:"cap"`
}

// SourceFlag flags a source that has sent EGradedReports or more E-graded reports about one
// subject: it may be harassing them.
type SourceFlag struct {
	EGradedReports int `json:"e_graded_reports"`
}

// Error reports an invalid catalogue. Field is the JSON path of the offending value, e.g.
// "indicators[3].lr", so an editor can point at it.
type Error struct {
	Field   string
	Problem string
}

func (e *Error) Error() string { return "catalogue: " + e.Field + ": " + e.Problem }

// Default returns the embedded default catalogue, freshly parsed so that callers may not
// change each other's copy.
func Default() *Catalogue {
	c, err := Parse([]byte(defaultJSON))
	if err != nil {
		// A test parses the embedded file, so this means the binary was built broken.
		panic("embedded default catalogue: " + err.Error())
	}
	return c
}

// Parse decodes and validates a catalogue. Unknown fields are rejected, so a misspelt
// threshold is an error rather than a silently kept default.
func Parse(data []byte) (*Catalogue, error) {
	// effective_from is decoded through a pointer so that a missing one is an error, not
	// the zero time (which would silently make the catalogue effective for all history).
	var raw struct {
		Catalogue
		EffectiveFrom *time.Time `json:"effective_from"`
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&raw); err != nil {
		return nil, fmt.Errorf("catalogue: %w", err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, errors.New("catalogue: unexpected data after the catalogue object")
	}
	c := raw.Catalogue
	if raw.EffectiveFrom == nil {
		return nil, &Error{"effective_from", "missing"}
	}
	c.EffectiveFrom = *raw.EffectiveFrom
	if err := c.validate(); err != nil {
		return nil, err
	}
	c.index = make(map[string]int, len(c.Indicators))
	for i, ind := range c.Indicators {
		c.index[ind.Code] = i
	}
	return &c, nil
}

// Marshal encodes the catalogue in the form Parse reads.
func (c *Catalogue) Marshal() ([]byte, error) {
	b, err := json.MarshalIndent(c, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("catalogue %s: %w", c.Version, err)
	}
	return append(b, '\n'), nil
}

// Indicator returns the indicator with the given code.
func (c *Catalogue) Indicator(code string) (Indicator, bool) {
	if c.index == nil {
		// Built by hand rather than by Parse: fall back to a scan.
		for _, ind := range c.Indicators {
			if ind.Code == code {
				return ind, true
			}
		}
		return Indicator{}, false
	}
	i, ok := c.index[code]
	if !ok {
		return Indicator{}, false
	}
	return c.Indicators[i], true
}

// Label is shown beside every number derived from the catalogue, so that an uncalibrated
// model's output is never mistaken for a measured probability.
func (c *Catalogue) Label() string {
	if c.Status == Calibrated {
		return "catalogue v" + c.Version
	}
	// Anything not known to be calibrated is labelled as uncalibrated.
	return "model estimate, uncalibrated (catalogue v" + c.Version + ")"
}
