package caseload_test

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/vigil-oss/vigil"
	"github.com/vigil-oss/vigil/caseload"
	"github.com/vigil-oss/vigil/catalogue"
	"github.com/vigil-oss/vigil/ndjson"
	"github.com/vigil-oss/vigil/sqlite"
)

// A scenario file reads like the work it describes (see testdata/*.txt):
//
//	recorded T                  the store's clock for what follows
//	import … end                NDJSON records, imported as one batch
//	catalogue K=V …             load the default catalogue as a new version (version=,
//	                            effective=, rationale=, and CODE=LR to change an indicator)
//	as NAME roles=a,b compartments=c,d    who asks the queries that follow
//	explain|board|alerts K=V …  a query (at=, known_at=, status=, limit=, since=)
//	expect PATH VALUE           a value in the query's JSON: numbers within 1e-4; lists
//	                            of scalars joined with commas; PATH[*].x maps over a list
//	expect error TEXT           the query failed with TEXT in its message
//
// The expected numbers are worked out by hand in the file's comments, not copied from
// the code's output.

type scenario struct {
	t     *testing.T
	file  string
	line  int
	ctx   context.Context
	clock time.Time
	st    *sqlite.Store
	eng   *caseload.Engine
	out   any   // the last query's JSON, decoded
	err   error // the last query's error
}

func TestScenarios(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no scenario files: %v", err)
	}
	for _, f := range files {
		t.Run(strings.TrimSuffix(filepath.Base(f), ".txt"), func(t *testing.T) { runScenario(t, f) })
	}
}

func runScenario(t *testing.T, file string) {
	sc := &scenario{t: t, file: file, clock: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	path := filepath.Join(t.TempDir(), "s.db")
	st, err := sqlite.Open(context.Background(), path, sqlite.Options{Create: true, Now: func() time.Time { return sc.clock }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	sc.st = st
	sc.ctx = vigil.WithPurpose(vigil.WithActor(context.Background(),
		vigil.Actor{Name: "scenario", Roles: vigil.Roles(), Compartments: []string{vigil.AllCompartments}}), "scenario test")

	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	checks := 0
	for s.Scan() {
		sc.line++
		line := strings.TrimSpace(s.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		word, rest, _ := strings.Cut(line, " ")
		switch word {
		case "recorded":
			sc.clock = sc.time(rest)
		case "import":
			sc.importBlock(s)
		case "catalogue":
			sc.loadCatalogue(args(rest))
		case "as":
			sc.as(rest)
		case "explain", "board", "alerts":
			sc.query(word, rest)
		case "expect":
			sc.expect(rest)
			checks++
		default:
			sc.fatalf("unknown line %q", line)
		}
	}
	if checks == 0 {
		t.Fatalf("%s: no expect line", file)
	}
}

func (sc *scenario) fatalf(format string, a ...any) {
	sc.t.Helper()
	sc.t.Fatalf("%s:%d: %s", sc.file, sc.line, fmt.Sprintf(format, a...))
}

func (sc *scenario) time(s string) time.Time {
	t, err := time.Parse(time.RFC3339, strings.TrimSpace(s))
	if err != nil {
		sc.fatalf("%v", err)
	}
	return t
}

func args(s string) map[string]string {
	m := map[string]string{}
	for _, f := range strings.Fields(s) {
		k, v, _ := strings.Cut(f, "=")
		m[k] = v
	}
	return m
}

func (sc *scenario) importBlock(s *bufio.Scanner) {
	var b strings.Builder
	start := sc.line
	for s.Scan() {
		sc.line++
		l := strings.TrimSpace(s.Text())
		if l == "end" {
			break
		}
		if l != "" && !strings.HasPrefix(l, "#") {
			b.WriteString(l + "\n")
		}
	}
	recs, probs, err := ndjson.Decode(strings.NewReader(b.String()), catalogue.Default())
	if err != nil || len(probs) > 0 {
		sc.fatalf("import from line %d: %v %v", start, err, probs)
	}
	if _, err := sc.st.Import(sc.ctx, recs, vigil.ImportOptions{File: sc.file}); err != nil {
		sc.fatalf("import from line %d: %v", start, err)
	}
}

func (sc *scenario) loadCatalogue(a map[string]string) {
	c := *catalogue.Default()
	c.Version = a["version"]
	c.EffectiveFrom = sc.time(a["effective"])
	c.Indicators = append([]catalogue.Indicator(nil), c.Indicators...)
	for i, ind := range c.Indicators {
		if v, ok := a[ind.Code]; ok {
			lr, err := strconv.ParseFloat(v, 64)
			if err != nil {
				sc.fatalf("%s: %v", ind.Code, err)
			}
			c.Indicators[i].LR = lr
		}
	}
	body, err := c.Marshal()
	if err != nil {
		sc.fatalf("%v", err)
	}
	parsed, err := catalogue.Parse(body)
	if err != nil {
		sc.fatalf("%v", err)
	}
	d, err := caseload.CatalogueDecision(parsed, "scenario: "+a["rationale"])
	if err != nil {
		sc.fatalf("%v", err)
	}
	if _, err := sc.st.Decide(sc.ctx, d); err != nil {
		sc.fatalf("%v", err)
	}
}

func (sc *scenario) as(rest string) {
	name, rest, _ := strings.Cut(rest, " ")
	a := args(rest)
	actor := vigil.Actor{Name: name}
	for _, r := range strings.Split(a["roles"], ",") {
		if r != "" {
			actor.Roles = append(actor.Roles, vigil.Role(r))
		}
	}
	for _, c := range strings.Split(a["compartments"], ",") {
		if c != "" {
			actor.Compartments = append(actor.Compartments, c)
		}
	}
	sc.ctx = vigil.WithPurpose(vigil.WithActor(context.Background(), actor), "scenario test")
}

func (sc *scenario) query(what, rest string) {
	if sc.eng == nil {
		e, err := caseload.Open(sc.ctx, sc.st, caseload.Options{Now: func() time.Time { return sc.clock }})
		if err != nil {
			sc.fatalf("open the engine: %v", err)
		}
		sc.eng = e
	}
	a := args(rest)
	var m caseload.Moment
	if v, ok := a["at"]; ok {
		m.At = sc.time(v)
	}
	if v, ok := a["known_at"]; ok {
		m.KnownAt = sc.time(v)
	}
	var res any
	var err error
	switch what {
	case "explain":
		subject, _, _ := strings.Cut(rest, " ")
		res, err = sc.eng.Explain(sc.ctx, subject, m)
	case "board":
		q := caseload.BoardQuery{Moment: m}
		for _, s := range strings.Split(a["status"], ",") {
			if s != "" {
				q.Statuses = append(q.Statuses, vigil.Status(s))
			}
		}
		if v, ok := a["limit"]; ok {
			q.Limit, _ = strconv.Atoi(v)
		}
		res, err = sc.eng.Board(sc.ctx, q)
	case "alerts":
		q := caseload.AlertQuery{Moment: m}
		if v, ok := a["since"]; ok {
			q.Since = sc.time(v)
		}
		res, err = sc.eng.Alerts(sc.ctx, q)
	}
	sc.out, sc.err = nil, err
	if err != nil {
		return
	}
	b, err := json.Marshal(res)
	if err != nil {
		sc.fatalf("%v", err)
	}
	if err := json.Unmarshal(b, &sc.out); err != nil {
		sc.fatalf("%v", err)
	}
	if x, ok := res.(caseload.Explanation); ok {
		sc.checkSum(x)
	}
}

// checkSum holds every explanation to the contract: the prior plus the rows, in order,
// is the log-odds exactly.
func (sc *scenario) checkSum(x caseload.Explanation) {
	lo := x.PriorLogOdds
	for _, c := range x.Contributions {
		lo += c.LogLR
	}
	if lo != x.LogOdds {
		sc.t.Errorf("%s:%d: prior %v + Σ log_lr = %v, log_odds %v", sc.file, sc.line, x.PriorLogOdds, lo, x.LogOdds)
	}
}

func (sc *scenario) expect(rest string) {
	path, want, _ := strings.Cut(rest, " ")
	want = strings.TrimSpace(want)
	if path == "error" {
		if sc.err == nil || !strings.Contains(sc.err.Error(), want) {
			sc.t.Errorf("%s:%d: want an error containing %q, got %v", sc.file, sc.line, want, sc.err)
		}
		return
	}
	if sc.err != nil {
		sc.fatalf("the query failed: %v", sc.err)
	}
	got, err := lookup(sc.out, path)
	if err != nil {
		sc.t.Errorf("%s:%d: %s: %v", sc.file, sc.line, path, err)
		return
	}
	if !match(got, want) {
		sc.t.Errorf("%s:%d: %s = %s, want %s", sc.file, sc.line, path, show(got), want)
	}
}

// lookup follows a path such as rows[0].subject or rows[*].subject through decoded JSON.
func lookup(v any, path string) (any, error) {
	for _, part := range strings.Split(path, ".") {
		name, index, _ := strings.Cut(part, "[")
		if name != "" {
			m, ok := v.(map[string]any)
			if !ok {
				return nil, fmt.Errorf("%s: not an object", name)
			}
			if v, ok = m[name]; !ok {
				return nil, fmt.Errorf("no member %q", name)
			}
		}
		if index == "" {
			continue
		}
		list, ok := v.([]any)
		if !ok {
			return nil, fmt.Errorf("%s: not a list", part)
		}
		index = strings.TrimSuffix(index, "]")
		if index == "*" {
			rest := strings.TrimPrefix(path[strings.Index(path, part)+len(part):], ".")
			out := make([]any, len(list))
			for i, x := range list {
				var err error
				if rest == "" {
					out[i] = x
				} else if out[i], err = lookup(x, rest); err != nil {
					return nil, fmt.Errorf("[%d]: %v", i, err)
				}
			}
			return out, nil
		}
		i, err := strconv.Atoi(index)
		if err != nil || i < 0 || i >= len(list) {
			return nil, fmt.Errorf("%s: index out of range (%d items)", part, len(list))
		}
		v = list[i]
	}
	return v, nil
}

func show(v any) string {
	if list, ok := v.([]any); ok {
		parts := make([]string, len(list))
		for i, x := range list {
			parts[i] = show(x)
		}
		return strings.Join(parts, ",")
	}
	if v == nil {
		return "null"
	}
	return fmt.Sprint(v)
}

func match(got any, want string) bool {
	if list, ok := got.([]any); ok {
		wants := strings.Split(want, ",")
		if want == "" {
			wants = nil
		}
		if len(wants) != len(list) {
			return false
		}
		for i := range list {
			if !match(list[i], wants[i]) {
				return false
			}
		}
		return true
	}
	if n, ok := got.(float64); ok {
		w, err := strconv.ParseFloat(want, 64)
		return err == nil && math.Abs(n-w) <= 1e-4
	}
	return show(got) == want
}
