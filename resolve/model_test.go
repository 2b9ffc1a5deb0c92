package resolve

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestFitRecoversParameters: pairs drawn from a known model give back its parameters,
// without labels.
func TestFitRecoversParameters(t *testing.T) {
	fields := []Field{{"name", 3}, {"dob", 3}, {"postcode", 2}, {"city", 2}}
	truth := &Model{Fields: fields, Lambda: 0.1,
		M: [][]float64{{0.05, 0.15, 0.8}, {0.05, 0.1, 0.85}, {0.1, 0.9}, {0.2, 0.8}},
		U: [][]float64{{0.9, 0.08, 0.02}, {0.95, 0.04, 0.01}, {0.97, 0.03}, {0.7, 0.3}}}
	r := rand.New(rand.NewPCG(1, 2))
	draw := func(ps []float64) int {
		x, c := r.Float64(), 0.0
		for l, p := range ps {
			if c += p; x < c {
				return l
			}
		}
		return len(ps) - 1
	}
	pairs := make([]Pair, 50000)
	for i := range pairs {
		match := r.Float64() < truth.Lambda
		lv := make([]int, len(fields))
		for k := range fields {
			if match {
				lv[k] = draw(truth.M[k])
			} else {
				lv[k] = draw(truth.U[k])
			}
			if r.Float64() < 0.05 {
				lv[k] = Missing
			}
		}
		pairs[i] = Pair{Levels: lv}
	}
	md := NewModel(fields, 0.5)
	if _, err := md.Fit(pairs, nil, 500); err != nil {
		t.Fatal(err)
	}
	if math.Abs(md.Lambda-truth.Lambda) > 0.01 {
		t.Errorf("λ = %.4f, want %.4f", md.Lambda, truth.Lambda)
	}
	for k := range fields {
		for l := range fields[k].Levels {
			if math.Abs(md.M[k][l]-truth.M[k][l]) > 0.03 || math.Abs(md.U[k][l]-truth.U[k][l]) > 0.03 {
				t.Errorf("%s level %d: m %.3f u %.3f, want m %.3f u %.3f", fields[k].Name, l, md.M[k][l], md.U[k][l], truth.M[k][l], truth.U[k][l])
			}
		}
	}
}
