package resolve

import (
	"bytes"
	"encoding/csv"
	"slices"
	"testing"

	"github.com/vigil-oss/vigil/synth"
)

// TestFalseMatchesByOrigin measures, on a generated register, how often each name-origin
// group's records are wrongly joined to someone else: no group's names may be matched
// markedly worse than another's. The register's names are drawn from many origins
// (Arabic, Cyrillic and Vietnamese names among them, some with their own scripts'
// romanisation variants), independently of who is duplicated.
func TestFalseMatchesByOrigin(t *testing.T) {
	var buf bytes.Buffer
	if _, err := synth.WriteRegister(&buf, synth.RegisterConfig{Seed: 7, Records: 30000}); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	head := rows[0]
	origin, cluster := slices.Index(head, "origin"), slices.Index(head, "cluster")
	var people []Person
	for _, r := range rows[1:] {
		raw := map[string]string{}
		for i, h := range head {
			if i > 0 && i != origin && i != cluster {
				raw[h] = r[i]
			}
		}
		people = append(people, Person{ID: r[0], Fields: Prepare(raw, "GB")})
	}
	res := Dedupe(people, DedupeOptions{})
	type tally struct{ records, wrong, missed, dups int }
	by := map[string]*tally{}
	all := &tally{}
	for _, r := range rows[1:] {
		if by[r[origin]] == nil {
			by[r[origin]] = &tally{}
		}
		by[r[origin]].records++
		all.records++
	}
	// A record is wrongly joined when its cluster holds someone else; missed when it
	// holds fewer of the person's records than the register has.
	members := map[string][]int{}
	truth := map[string]int{}
	for i, r := range rows[1:] {
		members[res.Clusters[i]] = append(members[res.Clusters[i]], i)
		truth[r[cluster]]++
	}
	for i, r := range rows[1:] {
		same, other := 0, 0
		for _, j := range members[res.Clusters[i]] {
			if rows[1+j][cluster] == r[cluster] {
				same++
			} else {
				other++
			}
		}
		tl := by[r[origin]]
		if other > 0 {
			tl.wrong++
			all.wrong++
		}
		if truth[r[cluster]] > 1 {
			tl.dups++
			all.dups++
			if same < truth[r[cluster]] {
				tl.missed++
				all.missed++
			}
		}
	}
	overall := float64(all.wrong) / float64(all.records)
	t.Logf("all: %d records, %.4f wrongly joined, %.4f of duplicated records missed", all.records, overall, float64(all.missed)/float64(all.dups))
	names := make([]string, 0, len(by))
	for o := range by {
		names = append(names, o)
	}
	slices.Sort(names)
	for _, o := range names {
		tl := by[o]
		rate := float64(tl.wrong) / float64(tl.records)
		t.Logf("%-16s %5d records: %.4f wrongly joined, %.4f of duplicated records missed", o, tl.records, rate, float64(tl.missed)/float64(max(tl.dups, 1)))
		// A group with hundreds of records whose false-match rate is several times the
		// whole register's would mean its names are matched worse.
		if tl.records >= 500 && rate > 3*overall+0.005 {
			t.Errorf("%s: %.4f of records wrongly joined, against %.4f overall", o, rate, overall)
		}
	}
}
