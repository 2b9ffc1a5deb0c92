package grade

import (
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestBandOf(t *testing.T) {
	for _, tc := range []struct {
		p    float64
		want Band
	}{
		// Out of range and undefined.
		{math.NaN(), ""},
		{math.Inf(-1), Remote},
		{-0.5, Remote},
		{1.5, AlmostCertain},
		{math.Inf(1), AlmostCertain},

		// Remote, ≤ 5%.
		{0, Remote},
		{0.03, Remote},
		{0.05, Remote},
		// Gap 5–10%, midpoint 7.5%.
		{0.06, Remote},
		{0.0749999, Remote},
		{0.075, HighlyUnlikely},
		{0.0750001, HighlyUnlikely},
		{0.09, HighlyUnlikely},
		// Highly unlikely, 10–20%.
		{0.10, HighlyUnlikely},
		{0.15, HighlyUnlikely},
		{0.20, HighlyUnlikely},
		// Gap 20–25%, midpoint 22.5%.
		{0.2249999, HighlyUnlikely},
		{0.225, Unlikely},
		// Unlikely, 25–35%.
		{0.25, Unlikely},
		{0.3, Unlikely},
		{0.35, Unlikely},
		// Gap 35–40%, midpoint 37.5%.
		{0.3749999, Unlikely},
		{0.375, RealisticPossibility},
		// Realistic possibility, 40–50%.
		{0.40, RealisticPossibility},
		{0.45, RealisticPossibility},
		{0.50, RealisticPossibility},
		// Gap 50–55%, midpoint 52.5%.
		{0.5249999, RealisticPossibility},
		{0.525, Likely},
		// Likely, 55–75%.
		{0.55, Likely},
		{0.7, Likely},
		{0.75, Likely},
		// Gap 75–80%, midpoint 77.5%.
		{0.7749999, Likely},
		{0.775, HighlyLikely},
		// Highly likely, 80–90%.
		{0.80, HighlyLikely},
		{0.85, HighlyLikely},
		{0.90, HighlyLikely},
		// Gap 90–95%, midpoint 92.5%.
		{0.92, HighlyLikely},
		{0.9249999, HighlyLikely},
		{0.925, AlmostCertain},
		// Almost certain, ≥ 95%.
		{0.95, AlmostCertain},
		{0.99, AlmostCertain},
		{1, AlmostCertain},

		// Computed at run time (constants are exact in Go), these miss the decimal by
		// float error yet still land as meant.
		{sum(0.1, 0.2, -0.3, 0.05), Remote},
		{sum(0.7, 0.05, 0.025), HighlyLikely},
		{sum(1, -0.925), HighlyUnlikely},
		{sum(0.3, 0.6, 0.025), AlmostCertain},
	} {
		if got := BandOf(tc.p); got != tc.want {
			t.Errorf("BandOf(%v) = %q, want %q", tc.p, got, tc.want)
		}
	}
}

func TestBands(t *testing.T) {
	want := []Band{"remote", "highly unlikely", "unlikely", "realistic possibility", "likely", "highly likely", "almost certain"}
	if diff := cmp.Diff(want, Bands()); diff != "" {
		t.Errorf("Bands() (-want +got):\n%s", diff)
	}
	// Each band's own bounds fall in it.
	for _, b := range Bands() {
		lo, hi := b.Range()
		if BandOf(lo) != b || BandOf(hi) != b {
			t.Errorf("%q: bounds %v–%v give %q, %q", b, lo, hi, BandOf(lo), BandOf(hi))
		}
	}
	if lo, hi := Likely.Range(); lo != 0.55 || hi != 0.75 {
		t.Errorf("likely range %v–%v", lo, hi)
	}
	if lo, hi := Band("").Range(); lo != 0 || hi != 0 {
		t.Errorf("unknown band range %v–%v", lo, hi)
	}
}

func sum(xs ...float64) float64 {
	var s float64
	for _, x := range xs {
		s += x
	}
	return s
}
