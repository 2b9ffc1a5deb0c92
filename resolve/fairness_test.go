package resolve

import (
	"slices"
	"testing"
)

// TestFalseMatchesByOrigin measures, on a generated register, how often each name-origin
// group's records are wrongly joined to someone else: no group's names may be matched
// markedly worse than another's. The register's names are drawn from many origins
// (Arabic, Cyrillic and Vietnamese names among them, some with their own scripts'
// romanisation variants), independently of who is duplicated.
func TestFalseMatchesByOrigin(t *testing.T) {
	people, origins, clusters := registerRows(t, 7, 30000)
	res := Dedupe(people, DedupeOptions{})
	type tally struct{ records, wrong, missed, dups int }
	by := map[string]*tally{}
	all := &tally{}
	for _, o := range origins {
		if by[o] == nil {
			by[o] = &tally{}
		}
		by[o].records++
		all.records++
	}
	// A record is wrongly joined when its cluster holds someone else; missed when it
	// holds fewer of the person's records than the register has.
	members := map[string][]int{}
	truth := map[string]int{}
	for i, c := range clusters {
		members[res.Clusters[i]] = append(members[res.Clusters[i]], i)
		truth[c]++
	}
	for i, c := range clusters {
		same, other := 0, 0
		for _, j := range members[res.Clusters[i]] {
			if clusters[j] == c {
				same++
			} else {
				other++
			}
		}
		tl := by[origins[i]]
		if other > 0 {
			tl.wrong++
			all.wrong++
		}
		if truth[c] > 1 {
			tl.dups++
			all.dups++
			if same < truth[c] {
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
