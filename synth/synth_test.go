package synth

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"slices"
	"strings"
	"testing"
	"time"
)

// briefIndicators is the default catalogue as the brief lists it, written
// out here so the test does not trust the generator's own table.
func briefIndicators() []string {
	return []string{"expression.support_for_violence", "material.consumption", "association.violent_extremist",
		"criminality.other", "travel.conflict_zone", "fixation", "identification", "novel_aggression",
		"energy_burst", "last_resort", "threat.direct", "leakage", "capability.weapons", "capability.skills",
		"pathway.research", "pathway.planning", "pathway.preparation", "pathway.implementation",
		"protective.disengagement", "protective.intervention"}
}

func generate(t testing.TB, cfg Config) ([]byte, Stats) {
	t.Helper()
	var buf bytes.Buffer
	st, err := Write(&buf, cfg)
	if err != nil {
		t.Fatalf("Write: %v", err)
	}
	return buf.Bytes(), st
}

func TestDeterministic(t *testing.T) {
	cfg := DefaultConfig()
	a, _ := generate(t, cfg)
	b, _ := generate(t, cfg)
	if !bytes.Equal(a, b) {
		t.Fatal("same seed and config gave different output")
	}
	cfg.Seed = 2
	c, _ := generate(t, cfg)
	if bytes.Equal(a, c) {
		t.Fatal("different seeds gave identical output")
	}
}

func TestConfigErrors(t *testing.T) {
	for name, cfg := range map[string]Config{
		"negative items":        {Subjects: 5, Sources: 1, Items: -1},
		"items without sources": {Subjects: 5, Items: 10},
		"links with one person": {Subjects: 1, Links: 3},
		"shares over one":       {Subjects: 5, PriorityShare: 0.9, ClosedShare: 0.5},
	} {
		t.Run(name, func(t *testing.T) {
			if _, err := Write(io.Discard, cfg); err == nil {
				t.Fatal("Write accepted an invalid config")
			}
		})
	}
}

// checker validates a generated file against the NDJSON intake contract.
type checker struct {
	t          *testing.T
	cfg        Config
	start, end time.Time
	ids        map[string]map[string]bool
	scheme     map[string]string // source id → its grade field
	itemTime   map[string]time.Time
	linkTime   map[string]time.Time
	count      map[string]int
	lastRecv   time.Time
	order      []string
	pathway    map[string]bool // subjects with a pathway indicator
	mentions   int
	derived    int
	eGraded    int
}

func newChecker(t *testing.T, cfg Config) *checker {
	end := cfg.End
	if end.IsZero() {
		end = DefaultConfig().End
	}
	weeks := cfg.Weeks
	if weeks == 0 {
		weeks = 52
	}
	return &checker{t: t, cfg: cfg, end: end, start: end.Add(-time.Duration(weeks) * 7 * 24 * time.Hour),
		ids: map[string]map[string]bool{}, scheme: map[string]string{}, itemTime: map[string]time.Time{},
		linkTime: map[string]time.Time{}, count: map[string]int{}, pathway: map[string]bool{}}
}

func (c *checker) errorf(n int, format string, args ...any) {
	c.t.Helper()
	c.t.Errorf("line %d: %s", n, fmt.Sprintf(format, args...))
}

func (c *checker) has(typ, id string) bool { return c.ids[typ][id] }

func (c *checker) time(n int, field string, v any) time.Time {
	s, _ := v.(string)
	tm, err := time.Parse(time.RFC3339, s)
	if err != nil || !strings.HasSuffix(s, "Z") {
		c.errorf(n, "%s: not an RFC 3339 UTC time: %v", field, v)
		return time.Time{}
	}
	if tm.Before(c.start) || tm.After(c.end) {
		if field != "occurred_at" && !strings.HasPrefix(field, "set.") {
			c.errorf(n, "%s %s outside [%s, %s]", field, s, c.start, c.end)
		}
	}
	return tm
}

func str(v any) string { s, _ := v.(string); return s }

func (c *checker) line(n int, raw []byte) {
	var m map[string]any
	if err := json.Unmarshal(raw, &m); err != nil {
		c.errorf(n, "invalid JSON: %v", err)
		return
	}
	typ := str(m["type"])
	c.count[typ]++
	if len(c.order) == 0 || c.order[len(c.order)-1] != typ {
		c.order = append(c.order, typ)
	}
	switch typ {
	case "source", "subject", "investigation", "item", "link":
		id := str(m["id"])
		if id == "" || c.has(typ, id) {
			c.errorf(n, "%s id %q missing or repeated", typ, id)
		}
		if c.ids[typ] == nil {
			c.ids[typ] = map[string]bool{}
		}
		defer func() { c.ids[typ][id] = true }()
	}
	switch typ {
	case "source":
		c.source(n, m)
	case "subject":
		c.subject(n, m)
	case "investigation":
		subs, _ := m["subjects"].([]any)
		if str(m["name"]) == "" || len(subs) == 0 {
			c.errorf(n, "investigation without name or subjects")
		}
		for _, s := range subs {
			if !c.has("subject", str(s)) {
				c.errorf(n, "investigation names unknown subject %v", s)
			}
		}
		if tier, ok := m["tier"]; ok && !slices.Contains([]string{"P1", "P2", "P3"}, str(tier)) {
			c.errorf(n, "bad tier %v", tier)
		}
	case "item":
		c.item(n, m)
	case "link":
		if !c.has("subject", str(m["from"])) || !c.has("subject", str(m["to"])) || m["from"] == m["to"] {
			c.errorf(n, "link ends %v, %v", m["from"], m["to"])
		}
		if s, ok := m["source"]; ok && !c.has("source", str(s)) {
			c.errorf(n, "link source %v unknown", s)
		}
		if !slices.Contains([]string{"communicates", "associate", "family", "co_located", "other"}, str(m["kind"])) {
			c.errorf(n, "link kind %v", m["kind"])
		}
		c.linkTime[str(m["id"])] = c.time(n, "received_at", m["received_at"])
	case "amend", "retract":
		c.change(n, typ, m)
	default:
		c.errorf(n, "unknown type %q", typ)
	}
}

func (c *checker) source(n int, m map[string]any) {
	kinds := []string{"informant", "intercept", "hotline", "community", "partner", "open_source", "surveillance", "other"}
	if !slices.Contains(kinds, str(m["kind"])) {
		c.errorf(n, "source kind %v", m["kind"])
	}
	found := 0
	for field, codes := range map[string]string{"evaluation": "123", "admiralty": "ABCDEF", "evaluation_5x5x5": "ABCDE"} {
		if v, ok := m[field]; ok {
			found++
			if s := str(v); len(s) != 1 || !strings.Contains(codes, s) {
				c.errorf(n, "%s %v", field, v)
			}
			c.scheme[str(m["id"])] = field
		}
	}
	if found != 1 {
		c.errorf(n, "source has %d grade fields", found)
	}
}

func (c *checker) identity(n int, field string, v any) {
	id, ok := v.(map[string]any)
	if !ok || len(id) == 0 {
		c.errorf(n, "%s: empty or not an object", field)
		return
	}
	known := []string{"full_name", "given_name", "family_name", "alias", "dob", "sex", "phone", "email", "handle",
		"document", "street_number", "address", "address2", "city", "postcode", "state", "country", "role"}
	for k, val := range id {
		if !slices.Contains(known, k) {
			c.errorf(n, "%s: unknown identity field %q", field, k)
		}
		vals := []any{val}
		if l, isList := val.([]any); isList {
			vals = l
		}
		for _, e := range vals {
			s := str(e)
			if strings.TrimSpace(s) == "" {
				c.errorf(n, "%s.%s: empty value", field, k)
			}
			switch k {
			case "phone":
				if !fictionalPhone(s) {
					c.errorf(n, "%s.phone %q is not in a fictional range", field, s)
				}
			case "email":
				if !strings.HasSuffix(s, "@example.com") && !strings.HasSuffix(s, "@example.org") && !strings.HasSuffix(s, "@example.net") {
					c.errorf(n, "%s.email %q is not at an example domain", field, s)
				}
			case "handle":
				if !strings.HasPrefix(s, "@") {
					c.errorf(n, "%s.handle %q", field, s)
				}
			case "document":
				if !strings.HasPrefix(s, "FICT-") {
					c.errorf(n, "%s.document %q", field, s)
				}
			case "dob":
				ok := false
				for _, layout := range []string{"2006", "2006-01", "2006-01-02"} {
					if _, err := time.Parse(layout, s); err == nil && len(s) == len(layout) {
						ok = true
					}
				}
				if !ok {
					c.errorf(n, "%s.dob %q", field, s)
				}
			case "role":
				if !slices.Contains([]string{"subject", "associate", "victim", "mentioned"}, s) {
					c.errorf(n, "%s.role %q", field, s)
				}
			}
		}
	}
}

func fictionalPhone(s string) bool {
	for _, r := range phoneRanges() {
		for _, p := range r {
			rest, ok := strings.CutPrefix(s, p)
			if ok && len(rest) == 3 && strings.Trim(rest, "0123456789") == "" {
				return true
			}
		}
	}
	return false
}

func (c *checker) subject(n int, m map[string]any) {
	if !slices.Contains([]string{"priority", "monitored", "closed"}, str(m["status"])) {
		c.errorf(n, "status %v", m["status"])
	}
	if id, ok := m["identity"]; ok {
		c.identity(n, "identity", id)
		if _, ok := id.(map[string]any)["role"]; ok {
			c.errorf(n, "subject identity has a role")
		}
	}
}

func (c *checker) item(n int, m map[string]any) {
	id := str(m["id"])
	recv := c.time(n, "received_at", m["received_at"])
	if recv.Before(c.lastRecv) {
		c.errorf(n, "items out of received order")
	}
	c.lastRecv = recv
	c.itemTime[id] = recv
	if o, ok := m["occurred_at"]; ok && c.time(n, "occurred_at", o).After(recv) {
		c.errorf(n, "occurred_at after received_at")
	}
	src := str(m["source"])
	if !c.has("source", src) {
		c.errorf(n, "source %q not defined earlier", src)
	}
	var info []string
	for _, f := range []string{"assessment", "credibility", "intelligence_5x5x5"} {
		if _, ok := m[f]; ok {
			info = append(info, f)
		}
	}
	want := map[string]string{"evaluation": "assessment", "admiralty": "credibility", "evaluation_5x5x5": "intelligence_5x5x5"}[c.scheme[src]]
	if len(info) != 1 || info[0] != want {
		c.errorf(n, "information grade fields %v for a source graded by %s", info, c.scheme[src])
	} else {
		codes := map[string]string{"assessment": "ABCDE", "credibility": "123456", "intelligence_5x5x5": "12345"}[want]
		if g := str(m[want]); len(g) != 1 || !strings.Contains(codes, g) {
			c.errorf(n, "%s %q", want, g)
		}
		if str(m[want]) == "E" {
			c.eGraded++
		}
	}
	_, uk := m["handling"]
	_, five := m["handling_5x5x5"]
	switch {
	case uk == five:
		c.errorf(n, "want exactly one of handling, handling_5x5x5")
	case uk && str(m["handling"]) == "C" && str(m["conditions"]) == "":
		c.errorf(n, "handling C without conditions")
	case uk && str(m["handling"]) == "P" && m["conditions"] != nil:
		c.errorf(n, "handling P with conditions")
	case uk && !slices.Contains([]string{"P", "C"}, str(m["handling"])):
		c.errorf(n, "handling %v", m["handling"])
	case five && !strings.Contains("12345", str(m["handling_5x5x5"])):
		c.errorf(n, "handling_5x5x5 %v", m["handling_5x5x5"])
	}
	subs, _ := m["subjects"].([]any)
	ments, _ := m["mentions"].([]any)
	if len(subs) == 0 && len(ments) == 0 {
		c.errorf(n, "item names neither subjects nor mentions")
	}
	if len(ments) > 0 {
		c.mentions++
	}
	var primary []string
	seen := map[string]bool{}
	for _, s := range subs {
		sid, role := str(s), "subject"
		if o, ok := s.(map[string]any); ok {
			sid, role = str(o["id"]), str(o["role"])
		}
		if !c.has("subject", sid) || seen[sid] {
			c.errorf(n, "subject %q unknown or repeated", sid)
		}
		seen[sid] = true
		if !slices.Contains([]string{"subject", "associate", "victim", "mentioned"}, role) {
			c.errorf(n, "role %q", role)
		}
		if role == "subject" {
			primary = append(primary, sid)
		}
	}
	for i, mt := range ments {
		c.identity(n, fmt.Sprintf("mentions[%d]", i), mt)
	}
	inds, ok := m["indicators"].([]any)
	if !ok {
		c.errorf(n, "indicators missing")
	}
	seenInd := map[string]bool{}
	for _, v := range inds {
		code := str(v)
		if !slices.Contains(briefIndicators(), code) || seenInd[code] {
			c.errorf(n, "indicator %q unknown or repeated", code)
		}
		seenInd[code] = true
		if strings.HasPrefix(code, "pathway.") {
			for _, p := range primary {
				c.pathway[p] = true
			}
		}
	}
	if d, ok := m["derived_from"].([]any); ok {
		c.derived++
		for _, v := range d {
			if !c.has("item", str(v)) {
				c.errorf(n, "derived_from %v not an earlier item", v)
			}
		}
	}
	for _, f := range []string{"summary", "compartment"} {
		if v, ok := m[f]; ok && str(v) == "" {
			c.errorf(n, "%s empty", f)
		}
	}
}

func (c *checker) change(n int, typ string, m map[string]any) {
	target, _ := m["target"].(map[string]any)
	ttype, tid := str(target["type"]), str(target["id"])
	if !c.has(ttype, tid) {
		c.errorf(n, "%s target %s %s not defined earlier", typ, ttype, tid)
	}
	eff := c.time(n, "effective_at", m["effective_at"])
	if recv, ok := c.itemTime[tid]; ok && ttype == "item" && eff.Before(recv) {
		c.errorf(n, "%s takes effect before the item was received", typ)
	}
	if str(m["rationale"]) == "" {
		c.errorf(n, "no rationale")
	}
	if typ == "retract" {
		if ttype != "item" && ttype != "link" {
			c.errorf(n, "retract of a %s", ttype)
		}
		return
	}
	set, _ := m["set"].(map[string]any)
	if len(set) == 0 {
		c.errorf(n, "amend sets nothing")
	}
	allowed := map[string][]string{
		"item": {"assessment", "credibility", "intelligence_5x5x5", "handling", "conditions", "indicators",
			"summary", "occurred_at", "subjects", "derived_from"},
		"subject": {"status"},
	}[ttype]
	for f := range set {
		if !slices.Contains(allowed, f) {
			c.errorf(n, "amend of %s sets %q", ttype, f)
		}
	}
	if str(set["handling"]) == "C" && str(set["conditions"]) == "" {
		c.errorf(n, "amend to handling C without conditions")
	}
}

func check(t *testing.T, cfg Config, data []byte, st Stats) *checker {
	t.Helper()
	c := newChecker(t, cfg)
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, 1<<20)
	n := 0
	for sc.Scan() {
		n++
		c.line(n, sc.Bytes())
		if t.Failed() && n > 50 {
			t.FailNow()
		}
	}
	var want, got []string
	for _, typ := range []string{"source", "subject", "investigation", "item", "link"} {
		if c.count[typ] > 0 {
			want = append(want, typ)
		}
	}
	for _, typ := range c.order {
		if typ != "amend" && typ != "retract" {
			got = append(got, typ)
		}
	}
	if !slices.Equal(got, want) {
		t.Errorf("record order %v, want %v then changes", c.order, want)
	}
	for typ, w := range map[string][2]int{
		"source": {cfg.Sources, st.Sources}, "subject": {cfg.Subjects, st.Subjects},
		"investigation": {cfg.Investigations, st.Investigations}, "item": {cfg.Items, st.Items},
		"link": {cfg.Links, st.Links}, "amend": {st.Amends, st.Amends}, "retract": {st.Retracts, st.Retracts},
	} {
		if c.count[typ] != w[0] || w[0] != w[1] {
			t.Errorf("%d %s lines, config %d, stats %d", c.count[typ], typ, w[0], w[1])
		}
	}
	return c
}

func TestDefaultSample(t *testing.T) {
	cfg := DefaultConfig()
	data, st := generate(t, cfg)
	c := check(t, cfg, data, st)
	if len(st.Escalating) != cfg.Escalating {
		t.Errorf("%d escalating subjects, want %d", len(st.Escalating), cfg.Escalating)
	}
	for _, id := range st.Escalating {
		if !c.pathway[id] {
			t.Errorf("escalating subject %s has no pathway indicator", id)
		}
	}
}

func TestMediumCaseload(t *testing.T) {
	cfg := Config{Seed: 7, Subjects: 3000, Items: 40000, Sources: 60, Investigations: 80, Links: 1500,
		Weeks: 52, End: time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), ChangeShare: 0.01, MentionShare: 0.05}
	data, st := generate(t, cfg)
	c := check(t, cfg, data, st)
	if want := int(math.Round(0.01 * 40000)); st.Amends+st.Retracts < want {
		t.Errorf("%d changes, want at least %d", st.Amends+st.Retracts, want)
	}
	if c.mentions < 1500 || c.mentions > 2500 {
		t.Errorf("%d items with mentions, want about 2000", c.mentions)
	}
	if c.derived == 0 || c.eGraded == 0 {
		t.Errorf("derived items %d, E-graded items %d: want some of each", c.derived, c.eGraded)
	}
	if !bytes.Contains(data, []byte(`"originator":`)) {
		t.Error("no source relays an originator")
	}
	for _, id := range st.Escalating {
		if !c.pathway[id] {
			t.Errorf("escalating subject %s has no pathway indicator", id)
		}
	}
}

// TestIdentityIndependentOfRole checks the property the fairness test
// relies on: names come from their own stream, so changing the scenario
// (how many escalate, how many are priority) leaves every identity as it was.
func TestIdentityIndependentOfRole(t *testing.T) {
	identities := func(cfg Config) []string {
		data, _ := generate(t, cfg)
		var out []string
		for _, l := range bytes.Split(data, []byte("\n")) {
			var m struct {
				Type     string          `json:"type"`
				Identity json.RawMessage `json:"identity"`
			}
			if json.Unmarshal(l, &m) == nil && m.Type == "subject" {
				out = append(out, string(m.Identity))
			}
		}
		return out
	}
	a := DefaultConfig()
	b := a
	b.Escalating, b.PriorityShare = 20, 0.5
	if !slices.Equal(identities(a), identities(b)) {
		t.Fatal("identities changed with the scenario")
	}
}

// TestNoOriginOverRepresented compares each origin's share among priority
// and escalating subjects with its share among all subjects.
func TestNoOriginOverRepresented(t *testing.T) {
	cfg := Config{Seed: 11, Subjects: 20000, Items: 1000, Sources: 20, Investigations: 50, Links: 10, Escalating: 600}
	data, st := generate(t, cfg)
	status := map[string]string{}
	// Recover each subject's status from the output.
	for _, l := range bytes.Split(data, []byte("\n")) {
		var m struct{ Type, ID, Status string }
		if json.Unmarshal(l, &m) == nil && m.Type == "subject" {
			status[m.ID] = m.Status
		}
	}
	total := 0
	for _, n := range st.Origins {
		total += n
	}
	if total != cfg.Subjects {
		t.Fatalf("origins count %d subjects, want %d", total, cfg.Subjects)
	}
	// Chi-square of escalating subjects' origins against all subjects'.
	chi := 0.0
	for name, n := range st.Origins {
		expect := float64(n) / float64(total) * float64(len(st.Escalating))
		d := float64(st.EscalatingOrigins[name]) - expect
		chi += d * d / expect
	}
	// 25 degrees of freedom: P(chi² > 65) < 1e-5.
	if chi > 65 {
		t.Errorf("escalating origins differ from all origins: chi² = %.1f over %d groups: %v", chi, len(st.Origins), st.EscalatingOrigins)
	}
	if len(Origins()) < 20 {
		t.Errorf("only %d origin groups", len(Origins()))
	}
	prio := 0
	for _, s := range status {
		if s == "priority" {
			prio++
		}
	}
	if want := int(math.Round(float64(cfg.Subjects) * 3000 / 23000)); prio != want {
		t.Errorf("%d priority subjects, want %d", prio, want)
	}
}

// TestOriginByStatus redraws the origin of each subject from its name and
// checks no origin's share among priority subjects strays from its share
// among monitored ones by more than chance allows.
func TestOriginByStatus(t *testing.T) {
	cfg := Config{Seed: 5, Subjects: 20000, Items: 100, Sources: 5, Investigations: 10}
	data, _ := generate(t, cfg)
	family := map[string]int{}
	for i, o := range origins() {
		for _, f := range o.family {
			family[f] = i
		}
	}
	var counts [2]map[int]int
	counts[0], counts[1] = map[int]int{}, map[int]int{}
	var totals [2]int
	for _, l := range bytes.Split(data, []byte("\n")) {
		var m struct {
			Type, Status string
			Identity     struct {
				FullName string `json:"full_name"`
			}
		}
		if json.Unmarshal(l, &m) != nil || m.Type != "subject" || m.Identity.FullName == "" {
			continue
		}
		k := 0
		if m.Status == "monitored" {
			k = 1
		} else if m.Status != "priority" {
			continue
		}
		parts := strings.Fields(m.Identity.FullName)
		o, ok := family[parts[len(parts)-1]]
		if !ok {
			o = family[parts[0]] // family name first
		}
		counts[k][o]++
		totals[k]++
	}
	for o := range origins() {
		p1 := float64(counts[0][o]) / float64(totals[0])
		p2 := float64(counts[1][o]) / float64(totals[1])
		pool := float64(counts[0][o]+counts[1][o]) / float64(totals[0]+totals[1])
		se := math.Sqrt(pool * (1 - pool) * (1/float64(totals[0]) + 1/float64(totals[1])))
		if z := (p1 - p2) / se; math.Abs(z) > 4.5 {
			t.Errorf("origin %s: %.3f of priority vs %.3f of monitored subjects (z = %.1f)", origins()[o].name, p1, p2, z)
		}
	}
}

func TestNameTables(t *testing.T) {
	table := foldTable()
	for _, o := range origins() {
		if len(o.given) < 30 || len(o.family) < 30 {
			t.Errorf("%s: %d given and %d family names, want 30 or more of each", o.name, len(o.given), len(o.family))
		}
		for _, n := range slices.Concat(o.given, o.family) {
			for _, r := range fold(table, n) {
				if r >= 0x80 {
					t.Errorf("%s: %q does not fold to ASCII", o.name, n)
					break
				}
			}
		}
	}
}

func TestLargerShapes(t *testing.T) {
	// Zero fields take defaults; tiny configs still produce what they ask for.
	for _, cfg := range []Config{
		{Seed: 3, Subjects: 2, Items: 5, Sources: 1, Links: 1},
		{Seed: 4, Subjects: 10, Items: 3, Sources: 12, Investigations: 20, Links: 2, Escalating: 10},
		{Seed: 5, Subjects: 50, Items: 0, Sources: 3},
	} {
		t.Run(fmt.Sprint(cfg.Seed), func(t *testing.T) {
			data, st := generate(t, cfg)
			check(t, cfg, data, st)
		})
	}
}

func BenchmarkWrite100kItems(b *testing.B) {
	cfg := Config{Seed: 1, Subjects: 23000, Items: 100_000, Sources: 400, Investigations: 500, Links: 20000}
	var st Stats
	for b.Loop() {
		var err error
		if st, err = Write(io.Discard, cfg); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(st.Items)*float64(b.N)/b.Elapsed().Seconds(), "items/s")
}

// TestRegister: the register has the rows asked for, 20% of them further records of
// someone already in it, and the same seed gives the same bytes.
func TestRegister(t *testing.T) {
	var a, b bytes.Buffer
	people, err := WriteRegister(&a, RegisterConfig{Seed: 3, Records: 5000})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := WriteRegister(&b, RegisterConfig{Seed: 3, Records: 5000}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("the same seed gave different registers")
	}
	rows, err := csv.NewReader(&a).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 5001 || people != 4000 {
		t.Fatalf("%d rows and %d people, want 5,000 rows (and a header) and 4,000 people", len(rows)-1, people)
	}
	clusters := map[string]int{}
	for _, row := range rows[1:] {
		clusters[row[12]]++
	}
	if len(clusters) != people {
		t.Errorf("%d people in the cluster column, want %d", len(clusters), people)
	}
}
