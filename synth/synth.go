package synth

import (
	"bufio"
	"container/heap"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"slices"
	"time"
)

// Config sets the size and shape of a generated caseload. A zero field
// takes its default (see DefaultConfig and the field comments); a negative
// Escalating, ChangeShare, MentionShare or ClosedShare means none.
type Config struct {
	Seed int64

	// Subjects is the total; PriorityShare of them are priority, ClosedShare
	// closed, the rest monitored.
	Subjects       int
	Items          int
	Sources        int
	Investigations int
	Links          int

	// Weeks is the length of the period the caseload covers (default 52),
	// ending at End (default 2026-11-23T00:00:00Z). End is the caller's
	// "now": the package never reads the clock.
	Weeks int
	End   time.Time

	// Escalating is the number of subjects whose reporting progresses
	// toward attack planning; default Subjects/2000 + 3.
	Escalating int

	// ChangeShare is the share of items later amended or retracted
	// (default 0.005); MentionShare the share of items that carry identity
	// mentions to resolve (default 0.03).
	ChangeShare  float64
	MentionShare float64

	// PriorityShare (default 3000/23000) and ClosedShare (default 0.02)
	// split Subjects by status.
	PriorityShare float64
	ClosedShare   float64
}

// DefaultConfig returns a small sample caseload: 60 subjects, 10 sources,
// 6 investigations, 400 items and 40 links over 26 weeks.
func DefaultConfig() Config {
	return Config{
		Seed:           1,
		Subjects:       60,
		Items:          400,
		Sources:        10,
		Investigations: 6,
		Links:          40,
		Weeks:          26,
		End:            time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC),
		Escalating:     60/2000 + 3,
		ChangeShare:    0.005,
		MentionShare:   0.03,
		PriorityShare:  3000.0 / 23000.0,
		ClosedShare:    0.02,
	}
}

// Stats describes what Write produced.
type Stats struct {
	Sources, Subjects, Investigations, Items, Links, Amends, Retracts int

	// Escalating lists the escalating subjects' ids in id order.
	Escalating []string
	// Peaks holds each escalating subject's peak: the moment of its most
	// serious report. Most peak in the last week; about a quarter peaked
	// earlier, so that their serious evidence is old by End.
	Peaks map[string]time.Time

	// Origins counts subjects by name-origin group; EscalatingOrigins
	// counts the escalating subjects alone.
	Origins           map[string]int
	EscalatingOrigins map[string]int
}

const (
	week = 7 * 86400
	day  = 86400
)

const (
	statusPriority = iota
	statusMonitored
	statusClosed
)

func statusNames() [3]string { return [3]string{"priority", "monitored", "closed"} }

const (
	schemeUK = iota
	schemeAdmiralty
	schemeFive
)

func sourceKinds() []string {
	return []string{"informant", "intercept", "hotline", "community", "partner", "open_source", "surveillance", "other"}
}

const (
	kindInformant = iota
	kindIntercept
	kindHotline
	kindCommunity
	kindPartner
	kindOpenSource
	kindSurveillance
	kindOther
)

type source struct {
	kind       int
	scheme     int
	code       string
	originator string
	group      int // index into gen.groups, or -1
	malicious  bool
	quality    float64 // 0 reliable … 1 unreliable; shifts the information grades
}

type person struct {
	origin       int
	given        string
	family       string
	full         string
	dob          string
	phones       [2]int32 // indices into the fictional phone pool, -1 for none
	email        string
	handle       string
	document     string
	alias        string
	streetNumber int
	address      string
	postcode     string
	city         string
	country      string
	showName     bool // full_name present
	showParts    bool // given_name and family_name present
	status       int
	compartment  string
	inv          int32 // investigation index, or -1
	escalating   bool
}

const (
	evEscalation = iota
	evMalicious
	evProtective
	evEcho
)

// event is reporting scheduled ahead of the background stream: an
// escalation, a malicious reporter's next call, or a partner relaying an
// originator's report (circular reporting).
type event struct {
	t     int64
	seq   int
	kind  int
	subj  int32
	src   int32
	ind   [2]int8
	nind  int8
	stage int8
}

type eventQueue []event

func (q eventQueue) Len() int { return len(q) }
func (q eventQueue) Less(i, j int) bool {
	if q[i].t != q[j].t {
		return q[i].t < q[j].t
	}
	return q[i].seq < q[j].seq
}
func (q eventQueue) Swap(i, j int) { q[i], q[j] = q[j], q[i] }
func (q *eventQueue) Push(x any)   { *q = append(*q, x.(event)) }
func (q *eventQueue) Pop() any {
	old := *q
	e := old[len(old)-1]
	*q = old[:len(old)-1]
	return e
}

// recent remembers an emitted item, for derived_from references.
type recent struct {
	num  int
	subj int32
	ind  [2]int8
	nind int8
}

// change is an item chosen to be amended or retracted later.
type change struct {
	num       int
	recv      int64
	scheme    int
	handlingC bool
	malicious bool
	hasOcc    bool
	ind       [2]int8
	nind      int8
}

type ref struct {
	subj int32
	role string // "" for the default role, subject
}

// gen holds one run's state. Separate random streams keep the parts
// independent: above all, a subject's name (and so its origin group) comes
// from the names stream and its role in the scenario from the scenario
// stream, so neither can depend on the other.
type gen struct {
	cfg   Config
	w     *bufio.Writer
	b     []byte
	names *rand.Rand
	scen  *rand.Rand
	items *rand.Rand
	links *rand.Rand
	chg   *rand.Rand

	start, end int64

	origins   []origin
	originCum []float64
	fold      map[rune]string
	phones    [][2]string
	towns     []string
	streets   []string
	kinds     []string
	handles   []string
	codes     [numIndicators]string
	bgCum     [numIndicators]float64
	stages    [4][]int
	openers   [][]string
	phrases   [numIndicators + 1][]string
	conds     []string

	sources []source
	srcCum  []float64 // background volume over non-malicious sources
	srcIdx  []int32
	groups  [][]int32 // sources relaying one originator
	people  []person
	byClass [3][]int32
	invs    [][]int32
	invComp []string
	escal   []int32

	phoneNext int
	phoneMul  int
	phoneAdd  int

	queue    eventQueue
	seq      int
	ring     [64]recent
	ringN    int
	changes  []change
	pendings []pending
	refs     []ref
	ind      []int8
	mentions []byte
	summary  []byte
	stats    Stats
}

// Write generates the caseload described by cfg and streams it to w as
// NDJSON intake lines: sources, subjects, investigations, items in the
// order they were received, links, then amendments and retractions, so
// that every reference points to an earlier line. The same cfg always
// produces the same bytes.
func Write(w io.Writer, cfg Config) (Stats, error) {
	cfg, err := normalise(cfg)
	if err != nil {
		return Stats{}, err
	}
	g := newGen(w, cfg)
	g.setup()
	steps := []func(){g.writeSources, g.writeSubjects, g.writeInvestigations, g.writeItems, g.writeLinks, g.writeChanges}
	for _, step := range steps {
		step()
	}
	if err := g.w.Flush(); err != nil {
		return g.stats, fmt.Errorf("synth: write: %w", err)
	}
	return g.stats, nil
}

func normalise(c Config) (Config, error) {
	d := DefaultConfig()
	if c.Weeks == 0 {
		c.Weeks = 52
	}
	if c.End.IsZero() {
		c.End = d.End
	}
	if c.Escalating == 0 {
		c.Escalating = c.Subjects/2000 + 3
	}
	if c.ChangeShare == 0 {
		c.ChangeShare = d.ChangeShare
	}
	if c.MentionShare == 0 {
		c.MentionShare = d.MentionShare
	}
	if c.PriorityShare == 0 {
		c.PriorityShare = d.PriorityShare
	}
	if c.ClosedShare == 0 {
		c.ClosedShare = d.ClosedShare
	}
	c.Escalating = max(c.Escalating, 0)
	c.ChangeShare = max(c.ChangeShare, 0)
	c.MentionShare = max(c.MentionShare, 0)
	c.ClosedShare = max(c.ClosedShare, 0)
	c.End = c.End.UTC()
	var errs []error
	for _, f := range []struct {
		name string
		v    int
	}{{"Subjects", c.Subjects}, {"Items", c.Items}, {"Sources", c.Sources}, {"Investigations", c.Investigations}, {"Links", c.Links}, {"Weeks", c.Weeks}} {
		if f.v < 0 {
			errs = append(errs, fmt.Errorf("synth: Config.%s is %d: want 0 or more", f.name, f.v))
		}
	}
	switch {
	case c.Items > 0 && (c.Sources < 1 || c.Subjects < 1):
		errs = append(errs, errors.New("synth: items need at least one source and one subject (Config.Sources, Config.Subjects)"))
	case c.Investigations > 0 && c.Subjects < 1:
		errs = append(errs, errors.New("synth: investigations need at least one subject (Config.Subjects)"))
	case c.Links > 0 && c.Subjects < 2:
		errs = append(errs, errors.New("synth: links need at least two subjects (Config.Subjects)"))
	case c.PriorityShare < 0 || c.PriorityShare+c.ClosedShare > 1:
		errs = append(errs, errors.New("synth: Config.PriorityShare and ClosedShare must lie in [0,1] and sum to at most 1"))
	case c.ChangeShare > 1 || c.MentionShare > 1:
		errs = append(errs, errors.New("synth: Config.ChangeShare and MentionShare must be at most 1"))
	case c.End.Unix()-int64(c.Weeks)*week < 0:
		errs = append(errs, errors.New("synth: Config.End minus Config.Weeks falls before 1970"))
	}
	c.Escalating = min(c.Escalating, c.Subjects)
	return c, errors.Join(errs...)
}

func stream(seed int64, name uint64) *rand.Rand {
	return rand.New(rand.NewPCG(uint64(seed), name))
}

func newGen(w io.Writer, cfg Config) *gen {
	g := &gen{
		cfg:   cfg,
		w:     bufio.NewWriterSize(w, 256<<10),
		b:     make([]byte, 0, 4096),
		names: stream(cfg.Seed, 0x6e616d6573),
		scen:  stream(cfg.Seed, 0x7363656e6172696f),
		items: stream(cfg.Seed, 0x6974656d73),
		links: stream(cfg.Seed, 0x6c696e6b73),
		chg:   stream(cfg.Seed, 0x6368616e676573),
		end:   cfg.End.Unix(),
	}
	g.start = g.end - int64(cfg.Weeks)*week
	g.origins = origins()
	total := 0.0
	for _, o := range g.origins {
		total += float64(o.weight)
		g.originCum = append(g.originCum, total)
	}
	g.fold = foldTable()
	g.phones = phoneRanges()
	g.towns = towns()
	g.streets = streetWords()
	g.kinds = streetKinds()
	g.handles = handleWords()
	g.codes = indicatorCodes()
	bw := backgroundWeights()
	total = 0
	for i, v := range bw {
		total += v
		g.bgCum[i] = total
	}
	g.stages = stages()
	g.openers = openers()
	g.phrases = phrases()
	g.conds = conditionsTexts()
	g.stats = Stats{Origins: map[string]int{}, EscalatingOrigins: map[string]int{}, Escalating: []string{}, Peaks: map[string]time.Time{}}
	for _, o := range g.origins {
		g.stats.Origins[o.name] = 0
		g.stats.EscalatingOrigins[o.name] = 0
	}
	return g
}

// pickCum returns the index chosen by u in [0, total) from cumulative weights.
func pickCum(cum []float64, u float64) int {
	u *= cum[len(cum)-1]
	i, _ := slices.BinarySearch(cum, u)
	for i < len(cum)-1 && cum[i] <= u {
		i++
	}
	return min(i, len(cum)-1)
}

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

func (g *gen) setup() {
	g.setupSources()
	g.setupPeople()
	g.setupRoles()
	g.setupInvestigations()
	g.schedule()
}

func (g *gen) setupSources() {
	r := g.scen
	n := g.cfg.Sources
	kindW := []float64{25, 37, 45, 57, 72, 84, 94, 100}
	volume := []float64{1.5, 3, 0.7, 1, 1.5, 3, 2, 0.7}
	g.sources = make([]source, n)
	for i := range g.sources {
		s := &g.sources[i]
		s.group = -1
		s.kind = pickCum(kindW, r.Float64())
		u := r.Float64()
		switch {
		case s.kind == kindHotline || s.kind == kindCommunity:
			s.scheme = schemeUK
		case s.kind == kindPartner && u < 0.45:
			s.scheme = schemeAdmiralty
		case s.kind == kindPartner && u < 0.6:
			s.scheme = schemeFive
		case s.kind != kindPartner && u < 0.13:
			s.scheme = schemeAdmiralty
		case s.kind != kindPartner && u < 0.22:
			s.scheme = schemeFive
		default:
			s.scheme = schemeUK
		}
		g.gradeSource(s, r)
	}
	// A few hotline callers report only falsehoods about one person.
	if n >= 4 {
		nMal := max(1, n/20)
		for _, i := range r.Perm(n)[:nMal] {
			s := &g.sources[i]
			*s = source{kind: kindHotline, scheme: schemeUK, code: "3", quality: 0.9, group: -1, malicious: true}
		}
	}
	// Partner sources that relay one originator: circular reporting.
	if n >= 8 {
		var free []int32
		for i, s := range g.sources {
			if !s.malicious {
				free = append(free, int32(i))
			}
		}
		r.Shuffle(len(free), func(i, j int) { free[i], free[j] = free[j], free[i] })
		for k := 0; k < max(1, n/12) && len(free) >= 2; k++ {
			size := min(len(free), 2+r.IntN(3))
			grp := free[:size]
			free = free[size:]
			orig := "ORIG-" + string(rune('A'+k%26)) + fmt.Sprint(k/26+1)
			for _, i := range grp {
				s := &g.sources[i]
				s.kind, s.originator, s.group = kindPartner, orig, len(g.groups)
			}
			g.groups = append(g.groups, grp)
		}
	}
	total := 0.0
	for i, s := range g.sources {
		if s.malicious {
			continue
		}
		total += volume[s.kind] * (0.5 + r.Float64())
		g.srcCum = append(g.srcCum, total)
		g.srcIdx = append(g.srcIdx, int32(i))
	}
}

func (g *gen) gradeSource(s *source, r *rand.Rand) {
	u := r.Float64()
	switch s.scheme {
	case schemeUK:
		q := []float64{0.1, 0.5, 0.9}
		i := pickCum([]float64{30, 80, 100}, u)
		if s.kind == kindHotline {
			i = 1 + r.IntN(2)
		}
		s.code, s.quality = string(rune('1'+i)), q[i]
	case schemeAdmiralty:
		q := []float64{0.05, 0.25, 0.5, 0.7, 0.9, 0.6}
		i := pickCum([]float64{10, 40, 70, 85, 90, 100}, u)
		s.code, s.quality = string(rune('A'+i)), q[i]
	default:
		q := []float64{0.05, 0.25, 0.5, 0.8, 0.6}
		i := pickCum([]float64{10, 45, 75, 85, 100}, u)
		s.code, s.quality = string(rune('A'+i)), q[i]
	}
}

// setupPeople draws every subject's identity from the names stream alone.
func (g *gen) setupPeople() {
	r := g.names
	n := g.cfg.Subjects
	g.people = make([]person, n)
	pool := len(g.phones) * 1000
	g.phoneMul = 7919 // prime, coprime with the pool size
	g.phoneAdd = r.IntN(pool)
	endYear := g.cfg.End.Year()
	for i := range g.people {
		p := &g.people[i]
		p.inv = -1
		p.phones = [2]int32{-1, -1}
		p.origin = pickCum(g.originCum, r.Float64())
		o := &g.origins[p.origin]
		p.given, p.family = pick(r, o.given), pick(r, o.family)
		if r.Float64() < o.familyFirst {
			p.full = p.family + " " + p.given
		} else {
			p.full = p.given + " " + p.family
		}
		p.showName = r.Float64() < 0.96
		p.showParts = r.Float64() < 0.85
		if !p.showName && !p.showParts {
			p.showName = true
		}
		if r.Float64() < 0.85 {
			age := 17 + int(math.Abs(r.NormFloat64())*13)
			p.dob = g.dob(r, endYear-min(age, 80))
		}
		if r.Float64() < 0.72 {
			p.phones[0] = g.nextPhone()
			if r.Float64() < 0.12 {
				p.phones[1] = g.nextPhone()
			}
		}
		if r.Float64() < 0.45 {
			p.email = g.email(r, p)
		}
		if r.Float64() < 0.35 {
			p.handle = g.handle(r, p)
		}
		if r.Float64() < 0.18 {
			p.document = "FICT-" + string(rune('A'+r.IntN(26))) + fmt.Sprintf("%07d", r.IntN(10000000))
		}
		if r.Float64() < 0.07 {
			p.alias = pick(r, o.given) + " " + p.family
			if alt := pick(r, o.given); r.Float64() < 0.5 && alt != p.given {
				p.alias = alt
			}
		}
		if r.Float64() < 0.3 {
			p.streetNumber = 1 + r.IntN(220)
			p.address = pick(r, g.streets) + " " + pick(r, g.kinds)
			p.postcode = fmt.Sprintf("Q%c%d %d%c%c", 'A'+r.IntN(26), 1+r.IntN(9), r.IntN(10), 'A'+r.IntN(26), 'A'+r.IntN(26))
		}
		if r.Float64() < 0.75 {
			p.city = pick(r, g.towns)
		}
		if r.Float64() < 0.8 {
			p.country = "GB"
			if r.Float64() < 0.08 {
				p.country = pick(r, []string{"IE", "FR", "DE", "NL", "BE", "ES", "IT", "PL"})
			}
		}
		g.stats.Origins[o.name]++
	}
}

func (g *gen) dob(r *rand.Rand, year int) string {
	m, d := 1+r.IntN(12), 1+r.IntN(28)
	switch u := r.Float64(); {
	case u < 0.04:
		return fmt.Sprintf("%04d", year)
	case u < 0.10:
		return fmt.Sprintf("%04d-%02d", year, m)
	}
	return fmt.Sprintf("%04d-%02d-%02d", year, m, d)
}

// nextPhone hands out the fictional numbers in a scrambled order, each
// once until the pool (17,000 numbers) runs out, then again.
func (g *gen) nextPhone() int32 {
	pool := len(g.phones) * 1000
	i := (g.phoneNext*g.phoneMul + g.phoneAdd) % pool
	g.phoneNext++
	return int32(i)
}

func (g *gen) phone(i int32, national bool) string {
	rg := g.phones[i/1000]
	var b []byte
	if national {
		b = append(b, rg[1]...)
	} else {
		b = append(b, rg[0]...)
	}
	return string(appendInt(b, int(i%1000), 3))
}

func (g *gen) asciiLower(s string) string {
	b := []byte(fold(g.fold, s))
	out := b[:0]
	for _, c := range b {
		switch {
		case c >= 'A' && c <= 'Z':
			out = append(out, c+'a'-'A')
		case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
			out = append(out, c)
		}
	}
	return string(out)
}

func (g *gen) email(r *rand.Rand, p *person) string {
	gv, fm := g.asciiLower(p.given), g.asciiLower(p.family)
	var local string
	switch r.IntN(4) {
	case 0:
		local = gv + "." + fm
	case 1:
		local = gv[:1] + fm
	case 2:
		local = gv + "_" + fm
	default:
		local = fm + "." + gv
	}
	if r.Float64() < 0.6 {
		local += fmt.Sprint(10 + r.IntN(90))
	}
	return local + "@" + pick(r, []string{"example.com", "example.org", "example.net"})
}

func (g *gen) handle(r *rand.Rand, p *person) string {
	if r.Float64() < 0.5 {
		return "@" + g.asciiLower(p.given) + fmt.Sprint(r.IntN(10000))
	}
	return "@" + pick(r, g.handles) + "_" + fmt.Sprint(r.IntN(10000))
}

// setupRoles draws statuses, compartments and the escalating subjects from
// the scenario stream, without looking at anyone's identity.
func (g *gen) setupRoles() {
	r := g.scen
	n := g.cfg.Subjects
	nPrio := int(math.Round(float64(n) * g.cfg.PriorityShare))
	nClosed := int(math.Round(float64(n) * g.cfg.ClosedShare))
	nClosed = min(nClosed, n-nPrio)
	for rank, i := range r.Perm(n) {
		st := statusMonitored
		switch {
		case rank < nPrio:
			st = statusPriority
		case rank < nPrio+nClosed:
			st = statusClosed
		}
		g.people[i].status = st
		g.byClass[st] = append(g.byClass[st], int32(i))
	}
	// Class lists in random order; picks favour the front, so some
	// subjects attract far more reporting than others.
	for c := range g.byClass {
		l := g.byClass[c]
		r.Shuffle(len(l), func(i, j int) { l[i], l[j] = l[j], l[i] })
	}
	comps := compartments()
	for i := range g.people {
		if g.people[i].status != statusPriority && r.Float64() < 0.02 {
			g.people[i].compartment = pick(r, comps)
		}
	}
	for len(g.escal) < g.cfg.Escalating {
		u := r.Float64()
		c := statusClosed
		switch {
		case u < 0.55:
			c = statusPriority
		case u < 0.95:
			c = statusMonitored
		}
		if len(g.byClass[c]) == 0 {
			c = g.people[r.IntN(n)].status
		}
		i := pick(r, g.byClass[c])
		if g.people[i].escalating {
			continue
		}
		g.people[i].escalating = true
		g.escal = append(g.escal, i)
	}
	slices.Sort(g.escal)
	for _, i := range g.escal {
		g.stats.Escalating = append(g.stats.Escalating, subjectID(int(i)))
		g.stats.EscalatingOrigins[g.origins[g.people[i].origin].name]++
	}
}

func subjectID(i int) string { return string(appendInt([]byte("SUB-"), i+1, 6)) }

func (g *gen) setupInvestigations() {
	r := g.scen
	m := g.cfg.Investigations
	if m == 0 {
		return
	}
	g.invs = make([][]int32, m)
	members := slices.Clone(g.byClass[statusPriority])
	r.Shuffle(len(members), func(i, j int) { members[i], members[j] = members[j], members[i] })
	for len(members) < m {
		members = append(members, int32(r.IntN(len(g.people))))
	}
	for k, i := range members {
		inv := k
		if k >= m {
			inv = r.IntN(m)
		}
		if g.people[i].inv >= 0 {
			continue
		}
		g.invs[inv] = append(g.invs[inv], i)
		g.people[i].inv = int32(inv)
	}
	// Some monitored subjects sit in investigations as peripheral figures.
	for _, i := range g.byClass[statusMonitored] {
		if r.Float64() < 0.06 && g.people[i].inv < 0 {
			inv := r.IntN(m)
			g.invs[inv] = append(g.invs[inv], i)
			g.people[i].inv = int32(inv)
		}
	}
	comps := compartments()
	g.invComp = make([]string, m)
	for k := range g.invs {
		if len(g.invs[k]) == 0 {
			i := int32(r.IntN(len(g.people)))
			g.invs[k] = append(g.invs[k], i)
		}
		slices.Sort(g.invs[k])
		if r.Float64() < 0.05 {
			c := pick(r, comps)
			g.invComp[k] = c
			for _, i := range g.invs[k] {
				g.people[i].compartment = c
			}
		}
	}
}

func (g *gen) push(e event) {
	e.seq = g.seq
	g.seq++
	heap.Push(&g.queue, e)
}

// schedule plans the reporting that does not arise at random: each
// escalating subject's run toward attack planning, and the malicious
// reporters' calls. It keeps them to at most half the items.
func (g *gen) schedule() {
	r := g.scen
	budget := g.cfg.Items / 2
	span := g.end - g.start
	if len(g.escal) > 0 && budget > 0 {
		kcap := budget / len(g.escal)
		for n, s := range g.escal {
			k := 8 + r.IntN(11)
			if kcap < 1 {
				if n >= budget {
					break
				}
				k = 1
			} else {
				k = min(k, kcap)
			}
			width := int64(3+r.IntN(8)) * week
			recentPeak := r.Float64() < 0.75
			peak := g.end - r.Int64N(7*day)
			if room := span - width - 4*week; !recentPeak && room > 0 {
				peak = g.start + width + r.Int64N(room)
			}
			ws := max(g.start, peak-width)
			g.stats.Peaks[subjectID(int(s))] = time.Unix(peak, 0).UTC()
			fs := make([]float64, k)
			for j := range fs {
				fs[j] = math.Sqrt(r.Float64())
			}
			slices.Sort(fs)
			fs[k-1] = 1
			for _, f := range fs {
				e := event{t: ws + int64(f*float64(peak-ws)), kind: evEscalation, subj: s, src: -1}
				switch {
				case f >= 0.8:
					e.stage = 3
				case f >= 0.55:
					e.stage = 2
				case f >= 0.3:
					e.stage = 1
				}
				e.t = max(e.t, g.start)
				g.push(e)
			}
			if !recentPeak && r.Float64() < 0.6 {
				for j := 0; j < 1+r.IntN(2) && len(g.queue) < budget; j++ {
					t := peak + int64(1+r.IntN(6))*week
					if t < g.end {
						g.push(event{t: t, kind: evProtective, subj: s, src: -1})
					}
				}
			}
		}
	}
	budget = g.cfg.Items/2 - len(g.queue)
	for i, s := range g.sources {
		if !s.malicious || budget <= 0 || len(g.people) == 0 {
			continue
		}
		target := int32(r.IntN(len(g.people)))
		for tries := 0; tries < 10 && g.people[target].escalating; tries++ {
			target = int32(r.IntN(len(g.people)))
		}
		k := min(4+r.IntN(6), budget)
		budget -= k
		for range k {
			g.push(event{t: g.start + r.Int64N(span+1), kind: evMalicious, subj: target, src: int32(i)})
		}
	}
}

// flushLine ends the record in g.b and hands it to the writer.
func (g *gen) flushLine() {
	g.b = append(g.b, '\n')
	g.w.Write(g.b)
	g.b = g.b[:0]
}

func (g *gen) writeSources() {
	kinds := sourceKinds()
	for i, s := range g.sources {
		g.b = append(g.b, `{"type":"source","id":`...)
		g.b = appendID(g.b, "SRC-", i+1, 4)
		g.b = append(g.b, `,"kind":"`...)
		g.b = append(g.b, kinds[s.kind]...)
		switch s.scheme {
		case schemeUK:
			g.b = append(g.b, `","evaluation":"`...)
		case schemeAdmiralty:
			g.b = append(g.b, `","admiralty":"`...)
		default:
			g.b = append(g.b, `","evaluation_5x5x5":"`...)
		}
		g.b = append(g.b, s.code...)
		g.b = append(g.b, '"')
		if s.originator != "" {
			g.b = append(g.b, `,"originator":`...)
			g.b = appendString(g.b, s.originator)
		}
		g.b = append(g.b, '}')
		g.flushLine()
	}
	g.stats.Sources = len(g.sources)
}

func (g *gen) writeSubjects() {
	st := statusNames()
	for i := range g.people {
		p := &g.people[i]
		g.b = append(g.b, `{"type":"subject","id":`...)
		g.b = appendID(g.b, "SUB-", i+1, 6)
		g.b = append(g.b, `,"status":"`...)
		g.b = append(g.b, st[p.status]...)
		g.b = append(g.b, `","identity":{`...)
		f := fields{b: g.b, first: true}
		if p.showName {
			f.str("full_name", p.full)
		}
		if p.showParts {
			f.str("given_name", p.given)
			f.str("family_name", p.family)
		}
		if p.alias != "" {
			f.key("alias")
			f.b = append(appendString(append(f.b, '['), p.alias), ']')
		}
		f.str("dob", p.dob)
		if p.phones[0] >= 0 {
			f.key("phone")
			f.b = appendString(append(f.b, '['), g.phone(p.phones[0], false))
			if p.phones[1] >= 0 {
				f.b = appendString(append(f.b, ','), g.phone(p.phones[1], false))
			}
			f.b = append(f.b, ']')
		}
		for _, kv := range [][2]string{{"email", p.email}, {"handle", p.handle}, {"document", p.document}} {
			if kv[1] != "" {
				f.key(kv[0])
				f.b = append(appendString(append(f.b, '['), kv[1]), ']')
			}
		}
		if p.address != "" {
			f.str("street_number", fmt.Sprint(p.streetNumber))
			f.str("address", p.address)
			f.str("postcode", p.postcode)
		}
		f.str("city", p.city)
		f.str("country", p.country)
		g.b = append(f.b, '}')
		if p.compartment != "" {
			g.b = append(g.b, `,"compartment":`...)
			g.b = appendString(g.b, p.compartment)
		}
		g.b = append(g.b, '}')
		g.flushLine()
	}
	g.stats.Subjects = len(g.people)
}

func (g *gen) writeInvestigations() {
	r := g.scen
	words := operationWords()
	for k, members := range g.invs {
		name := "Operation " + words[k%len(words)]
		if k >= len(words) {
			name += " " + fmt.Sprint(k/len(words)+1)
		}
		g.b = append(g.b, `{"type":"investigation","id":`...)
		g.b = appendID(g.b, "INV-", k+1, 4)
		g.b = append(g.b, `,"name":`...)
		g.b = appendString(g.b, name)
		g.b = append(g.b, `,"subjects":[`...)
		for j, i := range members {
			if j > 0 {
				g.b = append(g.b, ',')
			}
			g.b = appendID(g.b, "SUB-", int(i)+1, 6)
		}
		g.b = append(g.b, ']')
		if u := r.Float64(); u < 0.92 {
			tier := "P3"
			switch {
			case u < 0.1:
				tier = "P1"
			case u < 0.4:
				tier = "P2"
			}
			g.b = append(g.b, `,"tier":"`...)
			g.b = append(g.b, tier...)
			g.b = append(g.b, '"')
		}
		if c := g.invComp[k]; c != "" {
			g.b = append(g.b, `,"compartment":`...)
			g.b = appendString(g.b, c)
		}
		g.b = append(g.b, '}')
		g.flushLine()
	}
	g.stats.Investigations = len(g.invs)
}
