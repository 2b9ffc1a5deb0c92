package synth

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"math/rand/v2"
	"strconv"
)

// RegisterConfig sets the size of a generated person register.
type RegisterConfig struct {
	Seed    int64
	Records int // rows in all, duplicates included
	// DuplicateShare is the share of rows that are a further record of someone already
	// in the register (default 0.2, as the brief describes).
	DuplicateShare float64
}

// RegisterHeader is the header WriteRegister writes; cluster is the true person, origin
// the name-origin group their names were drawn from (for measuring that no group's
// names are matched worse than another's).
func RegisterHeader() []string {
	return []string{"record_id", "given_name", "family_name", "dob", "street_number", "address", "city",
		"postcode", "phone", "email", "document", "origin", "cluster"}
}

// WriteRegister writes a fictional person register as CSV, for benchmarking and judging
// batch deduplication: people drawn as for a caseload (names from many origins, partial
// dates of birth, fictional contact details), and DuplicateShare of the rows further
// records of someone already written, each with one to three errors: a typing error, a
// transliteration or romanisation variant, given and family names swapped, a nickname
// or a different given name order, a missing value, a date of birth slipped (year only,
// day and month swapped, a day out). Rows come in a random order; the cluster column is
// the truth. It returns the number of distinct people.
func WriteRegister(w io.Writer, cfg RegisterConfig) (int, error) {
	if cfg.Records <= 0 {
		return 0, fmt.Errorf("synth: register: %d records, want at least 1", cfg.Records)
	}
	if cfg.DuplicateShare == 0 {
		cfg.DuplicateShare = 0.2
	}
	if cfg.DuplicateShare < 0 || cfg.DuplicateShare >= 1 {
		return 0, fmt.Errorf("synth: register: duplicate share %v, want [0, 1)", cfg.DuplicateShare)
	}
	people := max(1, int(float64(cfg.Records)*(1-cfg.DuplicateShare)))
	gc := DefaultConfig()
	gc.Seed, gc.Subjects = cfg.Seed, people
	g := newGen(io.Discard, gc)
	g.setupPeople()
	r := stream(cfg.Seed, 0x7265676973746572)
	// Which person each row is: every person once, then the duplicates, shuffled.
	rows := make([]int32, cfg.Records)
	for i := range rows {
		if i < people {
			rows[i] = int32(i)
		} else {
			rows[i] = int32(r.IntN(people))
		}
	}
	r.Shuffle(len(rows), func(i, j int) { rows[i], rows[j] = rows[j], rows[i] })
	seen := make([]bool, people)
	bw := bufio.NewWriterSize(w, 1<<20)
	cw := csv.NewWriter(bw)
	if err := cw.Write(RegisterHeader()); err != nil {
		return 0, err
	}
	rec := make([]string, len(RegisterHeader()))
	// The fictional phone ranges hold 17,000 numbers: in a register of more people than
	// that, a number would be shared by strangers, which real registers rarely show, so
	// only the first that many people have one.
	phones := int32(len(g.phones) * 1000)
	for i, p := range rows {
		g.registerRow(r, rec, &g.people[p], seen[p])
		if p >= phones {
			rec[8] = ""
		}
		seen[p] = true
		rec[0] = "R" + strconv.Itoa(i+1)
		rec[11] = g.origins[g.people[p].origin].name
		rec[12] = "P" + strconv.Itoa(int(p)+1)
		if err := cw.Write(rec); err != nil {
			return 0, err
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return 0, err
	}
	return people, bw.Flush()
}

// registerRow fills rec with person p's fields; a further record of p carries errors.
func (g *gen) registerRow(r *rand.Rand, rec []string, p *person, again bool) {
	rec[1], rec[2], rec[3] = p.given, p.family, p.dob
	rec[4], rec[5], rec[6], rec[7] = "", p.address, p.city, p.postcode
	if p.streetNumber > 0 {
		rec[4] = strconv.Itoa(p.streetNumber)
	}
	rec[8] = ""
	if p.phones[0] >= 0 {
		rec[8] = g.phone(p.phones[0], r.Float64() < 0.5)
	}
	rec[9], rec[10] = p.email, p.document
	if !again {
		return
	}
	for range 1 + r.IntN(3) {
		switch r.IntN(7) {
		case 0: // a typing error in a name, a street or a town
			k := []int{1, 2, 5, 6}[r.IntN(4)]
			if rec[k] != "" {
				rec[k] = misspell(r, rec[k])
			}
		case 1:
			k := 1 + r.IntN(2)
			rec[k] = g.translit(r, rec[k])
		case 2:
			rec[1], rec[2] = rec[2], rec[1]
		case 3:
			rec[1] = nickname(r, rec[1])
		case 4: // a value left out
			k := []int{3, 4, 5, 6, 7, 8, 9, 10}[r.IntN(8)]
			rec[k] = ""
		case 5:
			if rec[3] != "" {
				rec[3] = dobSlip(r, rec[3])
			}
		default: // a digit wrong in a number
			k := []int{7, 8, 10}[r.IntN(3)]
			if rec[k] != "" {
				rec[k] = misspell(r, rec[k])
			}
		}
	}
}

// dobSlip changes a date of birth as a second record of it often differs: the year alone,
// day and month swapped, or a day out.
func dobSlip(r *rand.Rand, dob string) string {
	if v := dobVariant(r, dob); v != dob {
		return v
	}
	return dob[:4]
}

// nickname gives a familiar form of a few common given names, or the name unchanged.
func nickname(r *rand.Rand, given string) string {
	forms := map[string][]string{
		"James": {"Jim", "Jamie"}, "John": {"Jon", "Johnny", "Jack"}, "David": {"Dave", "Davy"},
		"Michael": {"Mike", "Mick"}, "Daniel": {"Dan", "Danny"}, "Thomas": {"Tom", "Tommy"},
		"William": {"Will", "Bill", "Liam"}, "Patrick": {"Pat", "Paddy"}, "Rebecca": {"Becky"},
		"Sarah": {"Sally"}, "Catherine": {"Kate", "Cathy"}, "Elizabeth": {"Liz", "Beth"},
		"Mohammed": {"Mo"}, "Muhammad": {"Mo"}, "Aleksandr": {"Sasha"}, "Alexander": {"Alex", "Sasha"},
		"Dmitri": {"Dima"}, "Ivan": {"Vanya"}, "Abdullah": {"Abdul"}, "Stuart": {"Stu"},
	}
	if fs, ok := forms[given]; ok {
		return fs[r.IntN(len(fs))]
	}
	return given
}
