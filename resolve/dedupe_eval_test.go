package resolve

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The brief's targets for batch deduplication, judged on the evaluation data beside the
// repository (../shared/data/er/, see its SOURCES.md), read from there and skipped when
// absent. No labels are used: the model is fitted by EM, and the threshold is Dedupe's
// default.

// readFebrl reads a Febrl data set: fields separated by ", ", rec-N-org and rec-N-dup-k
// for the original and duplicates of person N. With doc, the social security number is
// compared as a document number.
func readFebrl(t *testing.T, path string, doc bool) ([]Person, []string) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Skipf("evaluation data absent: %v", err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.TrimLeadingSpace = true
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	cols := map[string]string{"given_name": "given_name", "surname": "family_name", "street_number": "street_number",
		"address_1": "address", "address_2": "address2", "suburb": "city", "postcode": "postcode", "state": "state",
		"date_of_birth": "dob"}
	if doc {
		cols["soc_sec_id"] = "document"
	}
	var people []Person
	var truth []string
	for _, row := range rows[1:] {
		raw := map[string]string{}
		for i, h := range rows[0] {
			if name, ok := cols[strings.TrimSpace(h)]; ok {
				v := strings.TrimSpace(row[i])
				if name == "dob" && len(v) == 8 {
					v = v[:4] + "-" + v[4:6] + "-" + v[6:]
				}
				raw[name] = v
			}
		}
		id := strings.TrimSpace(row[0])
		people = append(people, Person{ID: id, Fields: Prepare(raw, "")})
		n, _, _ := strings.Cut(strings.TrimPrefix(id, "rec-"), "-")
		truth = append(truth, n)
	}
	return people, truth
}

// pairwise returns the precision, recall and F1 of predicted clusters over pairs of
// records, against the true clusters.
func pairwise(pred, truth []string) (precision, recall, f1 float64) {
	pairs := func(c []string) map[[2]int]bool {
		by := map[string][]int{}
		for i, x := range c {
			by[x] = append(by[x], i)
		}
		out := map[[2]int]bool{}
		for _, m := range by {
			for a := 0; a < len(m); a++ {
				for b := a + 1; b < len(m); b++ {
					out[[2]int{m[a], m[b]}] = true
				}
			}
		}
		return out
	}
	p, tr := pairs(pred), pairs(truth)
	tp := 0
	for k := range p {
		if tr[k] {
			tp++
		}
	}
	precision = float64(tp) / float64(max(len(p), 1))
	recall = float64(tp) / float64(max(len(tr), 1))
	return precision, recall, 2 * precision * recall / max(precision+recall, 1e-12)
}

func TestDedupeFebrl(t *testing.T) {
	dir := evalDir(t)
	for _, c := range []struct {
		file string
		doc  bool
		want float64
	}{{"dataset1.csv", false, 0.995}, {"dataset1.csv", true, 0.999}, {"dataset2.csv", false, 0.995}, {"dataset2.csv", true, 0.999}} {
		people, truth := readFebrl(t, filepath.Join(dir, c.file), c.doc)
		res := Dedupe(people, DedupeOptions{})
		p, r, f := pairwise(res.Clusters, truth)
		t.Logf("%s, soc_sec_id compared %v: %d candidate pairs; precision %.4f, recall %.4f, F1 %.4f", c.file, c.doc, res.Pairs, p, r, f)
		if f < c.want {
			t.Errorf("%s (document %v): F1 %.4f, want ≥ %.3f", c.file, c.doc, f, c.want)
		}
	}
}

func TestDedupeFake1000(t *testing.T) {
	f, err := os.Open(filepath.Join(evalDir(t), "fake_1000_from_splink_demos.csv"))
	if err != nil {
		t.Skipf("evaluation data absent: %v", err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var people []Person
	var truth []string
	for _, row := range rows[1:] {
		raw := map[string]string{"given_name": row[1], "family_name": row[2], "dob": row[3], "city": row[4], "email": row[5]}
		people = append(people, Person{ID: row[0], Fields: Prepare(raw, "")})
		truth = append(truth, row[6])
	}
	res := Dedupe(people, DedupeOptions{})
	p, r, f1 := pairwise(res.Clusters, truth)
	t.Logf("fake_1000: %d candidate pairs; precision %.4f, recall %.4f, F1 %.4f", res.Pairs, p, r, f1)
	if f1 < 0.90 {
		t.Errorf("fake_1000: F1 %.4f, want ≥ 0.90", f1)
	}
}
