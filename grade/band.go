package grade

import "math"

// Band is a term of the UK probability yardstick (PHIA).
type Band string

// The yardstick, from least to most likely.
const (
	Remote               Band = "remote"                // ≤ 5%
	HighlyUnlikely       Band = "highly unlikely"       // 10–20%
	Unlikely             Band = "unlikely"              // 25–35%
	RealisticPossibility Band = "realistic possibility" // 40–50%
	Likely               Band = "likely"                // 55–75%
	HighlyLikely         Band = "highly likely"         // 80–90%
	AlmostCertain        Band = "almost certain"        // ≥ 95%
)

// Bands returns the yardstick in order, least likely first.
func Bands() []Band {
	return []Band{Remote, HighlyUnlikely, Unlikely, RealisticPossibility, Likely, HighlyLikely, AlmostCertain}
}

// Range returns the band's bounds as probabilities, or (0, 0) for an unknown band.
func (b Band) Range() (lo, hi float64) {
	for _, r := range yardstick() {
		if r.band == b {
			return float64(r.lo) / nano, float64(r.hi) / nano
		}
	}
	return 0, 0
}

// nano is the scale at which BandOf compares: probabilities are rounded to the nearest
// 1e-9 so that 0.075, which is not exact in binary, is treated as the midpoint it means.
const nano = 1e9

type bandRange struct {
	band   Band
	lo, hi int64 // in units of 1e-9
}

// yardstick returns the bands with their bounds; an array, so callers get a copy.
func yardstick() [7]bandRange {
	const pc = nano / 100
	return [7]bandRange{
		{Remote, 0, 5 * pc},
		{HighlyUnlikely, 10 * pc, 20 * pc},
		{Unlikely, 25 * pc, 35 * pc},
		{RealisticPossibility, 40 * pc, 50 * pc},
		{Likely, 55 * pc, 75 * pc},
		{HighlyLikely, 80 * pc, 90 * pc},
		{AlmostCertain, 95 * pc, 100 * pc},
	}
}

// BandOf returns the yardstick term for probability p. A value inside a band (bounds
// included) takes that band; a value in a gap takes the nearer band, and one exactly
// midway takes the higher. p is first rounded to the nearest 1e-9, so differences below
// that cannot move a value across a boundary. Values below 0 are Remote and above 1
// AlmostCertain; NaN has no band and returns "".
func BandOf(p float64) Band {
	switch {
	case math.IsNaN(p):
		return ""
	case p <= 0:
		return Remote
	case p >= 1:
		return AlmostCertain
	}
	t := int64(math.Round(p * nano))
	ys := yardstick()
	for i, r := range ys {
		if t > r.hi {
			continue
		}
		if t >= r.lo || i == 0 {
			return r.band
		}
		// In the gap below r: compare t with the midpoint in integers (2t against lo+hi),
		// so the tie goes exactly to the higher band.
		if below := ys[i-1]; 2*t < below.hi+r.lo {
			return below.band
		}
		return r.band
	}
	return AlmostCertain
}
