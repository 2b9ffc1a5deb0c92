package synth

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// addMentions adds identity fragments to the item being drafted: most
// describe a subject of the caseload the way reporting does (misspelt,
// transliterated, reordered, with or without a phone number), the rest an
// unknown person. Half the fragments about a known subject stand alone:
// the item then names nobody by id and waits for identity resolution.
func (g *gen) addMentions(r *rand.Rand) {
	if r.Float64() < 0.8 {
		role := ""
		target := g.refs[0].subj
		if r.Float64() < 0.5 && g.refs[0].role == "" {
			g.refs = g.refs[:0]
		} else {
			target = g.pickSubject(r)
			role = pick(r, []string{"associate", "mentioned"})
			for _, rf := range g.refs {
				if rf.subj == target {
					role = "mentioned"
				}
			}
		}
		g.mentionOf(r, &g.people[target], role)
	} else {
		g.unknown(r, pick(r, []string{"associate", "mentioned"}))
	}
	if r.Float64() < 0.15 {
		g.unknown(r, "mentioned")
	}
}

func (g *gen) openMention() fields {
	if len(g.mentions) > 0 {
		g.mentions = append(g.mentions, ',')
	}
	return fields{b: append(g.mentions, '{'), first: true}
}

func (g *gen) closeMention(f fields, role string) {
	f.str("role", role)
	g.mentions = append(f.b, '}')
}

func (g *gen) mentionOf(r *rand.Rand, p *person, role string) {
	f := g.openMention()
	hasID := p.phones[0] >= 0 || p.handle != ""
	named := !hasID || r.Float64() >= 0.12
	if named {
		familyFirst := p.full == p.family+" "+p.given
		given, family := p.given, p.family
		switch u := r.Float64(); {
		case u < 0.3:
		case u < 0.5:
			if r.IntN(2) == 0 {
				family = misspell(r, family)
			} else {
				given = misspell(r, given)
			}
		case u < 0.68:
			if r.IntN(3) == 0 {
				given = g.translit(r, given)
			} else {
				family = g.translit(r, family)
			}
		case u < 0.78:
			familyFirst = !familyFirst
		case u < 0.86:
			first, _ := firstRune(given)
			given = first + "."
			familyFirst = false
		default:
			if r.IntN(2) == 0 {
				family = misspell(r, family)
			}
			f.str("given_name", given)
			f.str("family_name", family)
			given = ""
		}
		if given != "" {
			if familyFirst {
				f.str("full_name", family+" "+given)
			} else {
				f.str("full_name", given+" "+family)
			}
		}
	}
	if p.dob != "" && r.Float64() < 0.25 {
		f.str("dob", dobVariant(r, p.dob))
	}
	if p.phones[0] >= 0 && (!named || r.Float64() < 0.45) {
		f.str("phone", g.phone(p.phones[0], r.Float64() < 0.3))
	} else if p.handle != "" && (!named || r.Float64() < 0.2) {
		f.str("handle", p.handle)
	}
	if p.email != "" && r.Float64() < 0.08 {
		f.str("email", p.email)
	}
	g.closeMention(f, role)
}

// unknown describes someone who is no subject of the caseload (though a
// name may by chance be shared with one).
func (g *gen) unknown(r *rand.Rand, role string) {
	o := &g.origins[pickCum(g.originCum, r.Float64())]
	f := g.openMention()
	if r.Float64() < 0.3 {
		f.str("given_name", pick(r, o.given))
	} else {
		f.str("full_name", pick(r, o.given)+" "+pick(r, o.family))
	}
	if r.Float64() < 0.2 {
		f.str("dob", fmt.Sprintf("%04d", g.cfg.End.Year()-18-r.IntN(40)))
	}
	if r.Float64() < 0.15 {
		f.str("handle", "@"+pick(r, g.handles)+"_"+fmt.Sprint(10000+r.IntN(90000)))
	}
	g.closeMention(f, role)
}

func firstRune(s string) (string, string) {
	for i := range s {
		if i > 0 {
			return s[:i], s[i:]
		}
	}
	return s, ""
}

// misspell makes one typing error: a letter dropped, doubled, swapped with
// its neighbour or a vowel changed. The first letter is kept.
func misspell(r *rand.Rand, s string) string {
	rs := []rune(s)
	if len(rs) < 3 {
		return s + string(rs[len(rs)-1])
	}
	pos := 1 + r.IntN(len(rs)-1)
	switch r.IntN(4) {
	case 0:
		rs = append(rs[:pos], rs[pos+1:]...)
	case 1:
		rs = append(rs[:pos+1], rs[pos:]...)
	case 2:
		pos = max(pos, 2)
		rs[pos-1], rs[pos] = rs[pos], rs[pos-1]
	default:
		const vowels = "aeiou"
		for k := range rs[1:] {
			i := 1 + (pos-1+k)%(len(rs)-1)
			if strings.ContainsRune(vowels, rs[i]) {
				rs[i] = rune(vowels[(strings.IndexRune(vowels, rs[i])+1+r.IntN(4))%5])
				return string(rs)
			}
		}
		rs = append(rs[:pos], rs[pos+1:]...)
	}
	return string(rs)
}

// translit writes a name as another transliteration or romanisation might:
// without diacritics, or with one common spelling substitution.
func (g *gen) translit(r *rand.Rand, s string) string {
	if plain := fold(g.fold, s); plain != s && r.Float64() < 0.7 {
		return plain
	}
	pairs := [...][2]string{{"ph", "f"}, {"f", "ph"}, {"ou", "u"}, {"oo", "u"}, {"u", "ou"}, {"ee", "i"},
		{"y", "i"}, {"i", "y"}, {"kh", "k"}, {"k", "kh"}, {"sh", "sch"}, {"j", "dj"}, {"ch", "tch"},
		{"ck", "k"}, {"ei", "ai"}, {"ai", "ei"}, {"mm", "m"}, {"ss", "s"}, {"ll", "l"}, {"v", "w"},
		{"w", "v"}, {"q", "k"}, {"z", "s"}, {"e", "a"}, {"o", "u"}}
	var ok [len(pairs)]int
	n := 0
	for i, p := range pairs {
		if len(s) > 1 && strings.Contains(s[1:], p[0]) {
			ok[n] = i
			n++
		}
	}
	if n == 0 {
		return misspell(r, s)
	}
	p := pairs[ok[r.IntN(n)]]
	at := 1 + strings.Index(s[1:], p[0])
	return s[:at] + p[1] + s[at+len(p[0]):]
}

// dobVariant gives a date of birth as reporting might: exact, the year
// alone, or with day and month swapped or a day out.
func dobVariant(r *rand.Rand, dob string) string {
	u := r.Float64()
	switch {
	case u < 0.6 || len(dob) < 10:
		return dob
	case u < 0.85:
		return dob[:4]
	}
	var y, m, d int
	fmt.Sscanf(dob, "%d-%d-%d", &y, &m, &d)
	if d <= 12 && d != m {
		m, d = d, m
	} else {
		d = d%28 + 1
	}
	return fmt.Sprintf("%04d-%02d-%02d", y, m, d)
}
