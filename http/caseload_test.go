package http_test

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/vigil-oss/vigil"
	"github.com/vigil-oss/vigil/catalogue"
	vhttp "github.com/vigil-oss/vigil/http"
	"github.com/vigil-oss/vigil/ndjson"
	"github.com/vigil-oss/vigil/sqlite"
)

// The fixtures, in testdata (all fictional):
//
// caseload-1.ndjson, recorded 2 March 2026 09:00: source SRC-A (3x5x2 evaluation 1, p 0.9);
// ASH (priority, in Operation Fern at tier P2) with IT-1 (leakage, B, received 2 March
// 08:00) and IT-4 (fixation, C, 20 February); BIRCH (monitored) with IT-3 (fixation, C,
// 20 February); CEDAR (closed), DUNE and ELM (priority) with nothing.
//
// caseload-2.ndjson, recorded 9 March 09:00: IT-2 (leakage, A) and IT-5 (pathway.research,
// A) on ELM, both received 8 March 12:00.
//
// On 9 March at 10:00 (natural logs; contribution = ln(p·LR + 1 − p) × 2^(−age/half-life)):
//
//	ASH:   prior ln(0.02/0.98) = −3.89182
//	       IT-1: p 0.9 × 0.85 = 0.765, LR 8, half-life 8 w, age 7 d 2 h = 1.01190 w:
//	             ln 6.355 = 1.84924 × 0.91606 = 1.69401
//	       IT-4: p 0.9 × 0.6 = 0.54, LR 3, half-life 12 w, age 17 d 10 h = 2.48810 w:
//	             ln 2.08 = 0.73237 × 0.86613 = 0.63433
//	       log-odds −1.56348, p 0.17315
//	BIRCH: prior ln(0.005/0.995) = −5.29330 + IT-3 0.63433 = −4.65897, p 0.00939
//	DUNE, ELM: the priority prior, p 0.02; equal, so by id
//	CEDAR: the closed prior, p 0.002
//	ELM after the second batch: IT-2 ln 7.3 = 1.98787, IT-5 ln 9.1 = 2.20827, both aged
//	       22 h = 0.13095 w (half-life 8 w, decay 0.98872): −3.89182 + 1.96545 + 2.18336
//	       = 0.25699, p 0.56390, above ASH.
//
// Harm is 1 throughout (neither leakage, fixation nor research is a harm code), so the
// score is the probability.
const (
	firstBatch  = "2026-03-02T09:00:00Z"
	secondBatch = "2026-03-09T09:00:00Z"
	atMonday    = "2026-03-09T10:00:00Z"
)

var (
	orderFirst  = []string{"SUBJ-ASH", "SUBJ-DUNE", "SUBJ-ELM", "SUBJ-BIRCH", "SUBJ-CEDAR"}
	orderSecond = []string{"SUBJ-ELM", "SUBJ-ASH", "SUBJ-DUNE", "SUBJ-BIRCH", "SUBJ-CEDAR"}
)

type boardBody struct {
	At               string  `json:"at"`
	KnownAt          *string `json:"known_at"`
	CatalogueVersion string  `json:"catalogue_version"`
	Calibrated       *bool   `json:"calibrated"`
	Rows             []struct {
		Rank        int     `json:"rank"`
		Subject     string  `json:"subject"`
		Score       float64 `json:"score"`
		Probability float64 `json:"probability"`
		LogOdds     float64 `json:"log_odds"`
		Tier        *string `json:"tier"`
		Status      string  `json:"status"`
	} `json:"rows"`
}

func (b boardBody) subjects() []string {
	out := []string{}
	for _, r := range b.Rows {
		out = append(out, r.Subject)
	}
	return out
}

func (b boardBody) row(subject string) int {
	for i, r := range b.Rows {
		if r.Subject == subject {
			return i
		}
	}
	return -1
}

type explanationBody struct {
	Subject       string  `json:"subject"`
	At            string  `json:"at"`
	KnownAt       *string `json:"known_at"`
	PriorLogOdds  float64 `json:"prior_log_odds"`
	LogOdds       float64 `json:"log_odds"`
	Probability   float64 `json:"probability"`
	Tier          *string `json:"tier"`
	Contributions []struct {
		Item      string  `json:"item"`
		Source    *string `json:"source"`
		Indicator string  `json:"indicator"`
		LogLR     float64 `json:"log_lr"`
	} `json:"contributions"`
}

type errorResponse struct {
	Error struct {
		Code     string `json:"code"`
		Message  string `json:"message"`
		Problems []struct {
			Field  string `json:"field"`
			Reason string `json:"reason"`
		} `json:"problems"`
	} `json:"error"`
}

// get answers GET path, wanting status, and decodes the body into v.
func (e *env) get(path string, status int, v any) response {
	e.t.Helper()
	r := e.do("GET", path, "", nil)
	wantStatus(e.t, r, status)
	if v != nil {
		if err := json.Unmarshal(r.body, v); err != nil {
			e.t.Fatalf("GET %s: %v\n%s", path, err, r.body)
		}
	}
	return r
}

func (e *env) board(query string) boardBody {
	e.t.Helper()
	var b boardBody
	e.get("/api/v1/board?"+query, 200, &b)
	return b
}

func fixture(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// load imports a fixture straight into st, as recorded at the env's clock.
func (e *env) load(st *sqlite.Store, name string) {
	e.t.Helper()
	recs, probs, err := ndjson.Decode(strings.NewReader(fixture(e.t, name)), catalogue.Default())
	if err != nil || len(probs) > 0 {
		e.t.Fatalf("%s: %v %v", name, err, probs)
	}
	ctx := vigil.WithPurpose(vigil.WithActor(context.Background(), operator), "test fixture")
	if _, err := st.Import(ctx, recs, vigil.ImportOptions{File: name}); err != nil {
		e.t.Fatalf("import %s: %v", name, err)
	}
}

// loadFirst returns an env holding the first batch.
func loadFirst(t *testing.T, edit func(*vhttp.Config)) *env {
	t.Helper()
	e := newEnv(t, edit)
	e.setClock(firstBatch)
	e.load(e.store, "caseload-1.ndjson")
	return e
}

func near(got, want float64) bool { return math.Abs(got-want) <= 1e-4 }

func wantInvalid(t *testing.T, r response, fields ...string) {
	t.Helper()
	wantStatus(t, r, 422)
	var got errorResponse
	if err := json.Unmarshal(r.body, &got); err != nil {
		t.Fatal(err)
	}
	if got.Error.Code != "invalid" {
		t.Errorf("code %q, want invalid", got.Error.Code)
	}
	var named []string
	for _, p := range got.Error.Problems {
		named = append(named, p.Field)
		if p.Reason == "" {
			t.Errorf("problem with %s has no reason", p.Field)
		}
	}
	if diff := cmp.Diff(fields, named); diff != "" {
		t.Errorf("fields named (-want +got):\n%s\n%s", diff, r.body)
	}
}

func TestBoard(t *testing.T) {
	e := loadFirst(t, nil)
	b := e.board("at=" + atMonday)
	if diff := cmp.Diff(orderFirst, b.subjects()); diff != "" {
		t.Fatalf("order (-want +got):\n%s", diff)
	}
	if b.At != atMonday || b.KnownAt != nil || b.CatalogueVersion == "" || b.Calibrated == nil || *b.Calibrated {
		t.Errorf("header: at %s, known_at %v, catalogue %q, calibrated %v", b.At, b.KnownAt, b.CatalogueVersion, b.Calibrated)
	}
	wantTiers := []string{"P2", "null", "null", "M", "null"}
	wantP := []float64{0.17315, 0.02, 0.02, 0.00939, 0.002}
	for i, r := range b.Rows {
		if r.Rank != i+1 {
			t.Errorf("row %d: rank %d", i, r.Rank)
		}
		tier := "null"
		if r.Tier != nil {
			tier = *r.Tier
		}
		if tier != wantTiers[i] {
			t.Errorf("%s: tier %s, want %s", r.Subject, tier, wantTiers[i])
		}
		if !near(r.Probability, wantP[i]) || r.Score != r.Probability {
			t.Errorf("%s: probability %v, score %v; want both %v", r.Subject, r.Probability, r.Score, wantP[i])
		}
	}
	if lo := b.Rows[0].LogOdds; !near(lo, -1.56348) {
		t.Errorf("ASH log_odds %v, want -1.56348", lo)
	}

	t.Run("status filter", func(t *testing.T) {
		b := e.board("at=" + atMonday + "&status=monitored,closed")
		if diff := cmp.Diff([]string{"SUBJ-BIRCH", "SUBJ-CEDAR"}, b.subjects()); diff != "" {
			t.Errorf("monitored,closed (-want +got):\n%s", diff)
		}
		if b.Rows[0].Rank != 1 || b.Rows[1].Rank != 2 {
			t.Errorf("ranks %d, %d: want the position in the list returned", b.Rows[0].Rank, b.Rows[1].Rank)
		}
		b = e.board("at=" + atMonday + "&status=closed&status=priority")
		if diff := cmp.Diff([]string{"SUBJ-ASH", "SUBJ-DUNE", "SUBJ-ELM", "SUBJ-CEDAR"}, b.subjects()); diff != "" {
			t.Errorf("repeated status (-want +got):\n%s", diff)
		}
	})
	t.Run("limit", func(t *testing.T) {
		b := e.board("at=" + atMonday + "&limit=2")
		if diff := cmp.Diff(orderFirst[:2], b.subjects()); diff != "" {
			t.Errorf("limit 2 (-want +got):\n%s", diff)
		}
		if b := e.board("at=" + atMonday + "&limit=0"); len(b.Rows) != 5 {
			t.Errorf("limit 0: %d rows, want all 5", len(b.Rows))
		}
	})
	t.Run("times", func(t *testing.T) {
		for q, want := range map[string]string{
			"at=2026-03-09T11:00:00%2B01:00":  atMonday,
			"at=2026-03-09":                   "2026-03-09T00:00:00Z",
			"at=2026-03-09T10:00:00.5Z":       "2026-03-09T10:00:00.5Z",
			"known_at=2026-03-09T09:30:00Z":   "2026-03-09T09:30:00Z", // at defaults to known_at
			"at=2026-03-09T10:00:00Z&colour=": atMonday,               // unknown: ignored
		} {
			if got := e.board(q).At; got != want {
				t.Errorf("%s: at %s, want %s", q, got, want)
			}
		}
	})
	t.Run("bad parameters", func(t *testing.T) {
		r := e.do("GET", "/api/v1/board?at=yesterday", "", nil)
		wantInvalid(t, r, "at")
		if !bytes.Contains(r.body, []byte("RFC 3339")) {
			t.Errorf("reason does not name the format:\n%s", r.body)
		}
		wantInvalid(t, e.do("GET", "/api/v1/board?status=urgent", "", nil), "status")
		wantInvalid(t, e.do("GET", "/api/v1/board?limit=-1", "", nil), "limit")
		wantInvalid(t, e.do("GET", "/api/v1/board?limit=ten", "", nil), "limit")
		// Every problem at once, in a stable order; unknown parameters ignored.
		wantInvalid(t, e.do("GET", "/api/v1/board?colour=red&limit=1.5&status=priority,urgent&known_at=soon&at=2026-13-01", "", nil),
			"at", "known_at", "status", "limit")
	})
}

func TestAssessment(t *testing.T) {
	e := loadFirst(t, nil)
	var x explanationBody
	r := e.get("/api/v1/subjects/SUBJ-ASH/assessment?at="+atMonday, 200, &x)
	if x.Subject != "SUBJ-ASH" || x.At != atMonday || x.KnownAt != nil {
		t.Errorf("subject %s at %s known_at %v", x.Subject, x.At, x.KnownAt)
	}
	if x.Tier == nil || *x.Tier != "P2" {
		t.Errorf("tier %v, want P2", x.Tier)
	}
	var items []string
	sum := x.PriorLogOdds
	for _, c := range x.Contributions {
		items = append(items, c.Item)
		sum += c.LogLR
		if c.Source == nil || *c.Source != "SRC-A" {
			t.Errorf("%s: source %v, want SRC-A (an analyst may see sources)", c.Item, c.Source)
		}
	}
	if diff := cmp.Diff([]string{"IT-1", "IT-4"}, items); diff != "" {
		t.Errorf("contributions, by |log_lr| (-want +got):\n%s", diff)
	}
	// The contract: exactly, not within rounding, after the trip through JSON.
	if sum != x.LogOdds {
		t.Errorf("prior %v + Σ log_lr = %v, log_odds %v\n%s", x.PriorLogOdds, sum, x.LogOdds, r.body)
	}
	if !near(x.PriorLogOdds, -3.89182) || !near(x.Contributions[0].LogLR, 1.69401) ||
		!near(x.Contributions[1].LogLR, 0.63433) || !near(x.Probability, 0.17315) {
		t.Errorf("numbers: prior %v, log_lr %v and %v, p %v", x.PriorLogOdds,
			x.Contributions[0].LogLR, x.Contributions[1].LogLR, x.Probability)
	}

	t.Run("no evidence is an empty list", func(t *testing.T) {
		r := e.get("/api/v1/subjects/SUBJ-DUNE/assessment?at="+atMonday, 200, nil)
		if !bytes.Contains(r.body, []byte(`"contributions":[]`)) {
			t.Errorf("contributions not []:\n%s", r.body)
		}
	})
	t.Run("unknown subject", func(t *testing.T) {
		var got errorResponse
		e.get("/api/v1/subjects/SUBJ-NOBODY/assessment", 404, &got)
		if got.Error.Code != "not_found" || !strings.Contains(got.Error.Message, "SUBJ-NOBODY") {
			t.Errorf("error %+v", got.Error)
		}
	})
	t.Run("not yet recorded", func(t *testing.T) {
		e.get("/api/v1/subjects/SUBJ-ASH/assessment?known_at=2026-03-01T00:00:00Z", 404, nil)
	})
	t.Run("bad time", func(t *testing.T) {
		wantInvalid(t, e.do("GET", "/api/v1/subjects/SUBJ-ASH/assessment?at=yesterday", "", nil), "at")
		wantInvalid(t, e.do("GET", "/api/v1/subjects/SUBJ-ASH/assessment?known_at=2026-03-09T10:00", "", nil), "known_at")
	})
}

func TestAlerts(t *testing.T) {
	e := loadFirst(t, nil)
	// In the days to 5 March only IT-1 arrived: ASH escalated when it did, by its
	// undecayed contribution ln 6.355 = 1.84924 (over the default 1.5). BIRCH, monitored,
	// had nothing new: no re-engagement.
	var got struct {
		At          string
		Since       string
		Escalations struct {
			Alerts []struct {
				Subject string
				At      string
				Rise    float64
				Items   []string
			}
		}
	}
	r := e.get("/api/v1/alerts?since=2026-03-01&at=2026-03-05T00:00:00Z", 200, &got)
	if got.Since != "2026-03-01T00:00:00Z" || got.At != "2026-03-05T00:00:00Z" {
		t.Errorf("since %s at %s", got.Since, got.At)
	}
	if len(got.Escalations.Alerts) != 1 {
		t.Fatalf("escalations:\n%s", r.body)
	}
	a := got.Escalations.Alerts[0]
	if a.Subject != "SUBJ-ASH" || a.At != "2026-03-02T08:00:00Z" || !near(a.Rise, 1.84924) || !cmp.Equal(a.Items, []string{"IT-1"}) {
		t.Errorf("escalation %+v", a)
	}
	if n := bytes.Count(r.body, []byte(`"alerts":[]`)); n != 2 {
		t.Errorf("%d empty screens written as [], want 2:\n%s", n, r.body)
	}

	t.Run("bad since", func(t *testing.T) {
		wantInvalid(t, e.do("GET", "/api/v1/alerts?since=last+week&at="+atMonday, "", nil), "since")
	})
}

// On an empty store every list is [], never null.
func TestCaseloadEmpty(t *testing.T) {
	e := newEnv(t, nil)
	r := e.get("/api/v1/board", 200, nil)
	if !bytes.Contains(r.body, []byte(`"rows":[]`)) {
		t.Errorf("board rows not []:\n%s", r.body)
	}
	r = e.get("/api/v1/alerts", 200, nil)
	if n := bytes.Count(r.body, []byte(`"alerts":[]`)); n != 3 {
		t.Errorf("%d screens written as [], want 3:\n%s", n, r.body)
	}
	e.get("/api/v1/subjects/SUBJ-ASH/assessment", 404, nil)
}

// known_at shows the board as it could have been seen then: before the second batch.
func TestKnownAt(t *testing.T) {
	e := loadFirst(t, nil)
	e.setClock(secondBatch)
	e.load(e.store, "caseload-2.ndjson")

	now := e.board("at=" + atMonday)
	if diff := cmp.Diff(orderSecond, now.subjects()); diff != "" {
		t.Errorf("as known now (-want +got):\n%s", diff)
	}
	then := e.board("at=" + atMonday + "&known_at=2026-03-05T00:00:00Z")
	if diff := cmp.Diff(orderFirst, then.subjects()); diff != "" {
		t.Errorf("as known on 5 March (-want +got):\n%s", diff)
	}
	if then.KnownAt == nil || *then.KnownAt != "2026-03-05T00:00:00Z" || then.At != atMonday {
		t.Errorf("at %s, known_at %v", then.At, then.KnownAt)
	}
	elmNow, elmThen := now.Rows[now.row("SUBJ-ELM")], then.Rows[then.row("SUBJ-ELM")]
	if !near(elmNow.LogOdds, 0.25699) || !near(elmThen.LogOdds, -3.89182) {
		t.Errorf("ELM's log_odds %v now and %v then, want 0.25699 and -3.89182", elmNow.LogOdds, elmThen.LogOdds)
	}

	var x explanationBody
	e.get("/api/v1/subjects/SUBJ-ELM/assessment?at="+atMonday+"&known_at=2026-03-05", 200, &x)
	if len(x.Contributions) != 0 || x.KnownAt == nil || *x.KnownAt != "2026-03-05T00:00:00Z" {
		t.Errorf("ELM as known on 5 March: %+v", x)
	}
	e.get("/api/v1/subjects/SUBJ-ELM/assessment?at="+atMonday, 200, &x)
	if len(x.Contributions) != 2 {
		t.Errorf("ELM as known now: %+v", x)
	}
}

// The engine follows the log on every query: what was imported since the last read,
// by this server or by another process, is on the next board.
func TestReadsFollowImports(t *testing.T) {
	t.Run("through the import route", func(t *testing.T) {
		e := loadFirst(t, nil)
		if diff := cmp.Diff(orderFirst, e.board("at="+atMonday).subjects()); diff != "" {
			t.Fatalf("before (-want +got):\n%s", diff)
		}
		e.setClock(secondBatch)
		before := e.engine.Size()
		wantStatus(t, e.do("POST", "/api/v1/import", fixture(t, "caseload-2.ndjson"), nil), 200)
		// The import route brings the engine up to date itself, before any query.
		if after := e.engine.Size(); after <= before {
			t.Errorf("engine at log size %d after the import, %d before: it did not follow", after, before)
		}
		if diff := cmp.Diff(orderSecond, e.board("at="+atMonday).subjects()); diff != "" {
			t.Errorf("after (-want +got):\n%s", diff)
		}
	})
	t.Run("through another handle on the file", func(t *testing.T) {
		e := loadFirst(t, nil)
		if diff := cmp.Diff(orderFirst, e.board("at="+atMonday).subjects()); diff != "" {
			t.Fatalf("before (-want +got):\n%s", diff)
		}
		e.setClock(secondBatch)
		other, err := sqlite.Open(context.Background(), e.path, sqlite.Options{Now: e.now})
		if err != nil {
			t.Fatal(err)
		}
		defer other.Close()
		e.load(other, "caseload-2.ndjson")
		if diff := cmp.Diff(orderSecond, e.board("at="+atMonday).subjects()); diff != "" {
			t.Errorf("after (-want +got):\n%s", diff)
		}
	})
}

type consultation struct {
	Actor, Purpose, What, Subjects string
	Rows                           int
	Query                          string
}

// consultations reads the store's consultations table read-only, as an auditor would.
func (e *env) consultations() []consultation {
	e.t.Helper()
	db, err := sql.Open("sqlite3", "file:"+e.path+"?mode=ro")
	if err != nil {
		e.t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query(`SELECT actor, purpose, what, subjects, rows, query FROM consultations ORDER BY seq`)
	if err != nil {
		e.t.Fatal(err)
	}
	defer rows.Close()
	var out []consultation
	for rows.Next() {
		var c consultation
		if err := rows.Scan(&c.Actor, &c.Purpose, &c.What, &c.Subjects, &c.Rows, &c.Query); err != nil {
			e.t.Fatal(err)
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		e.t.Fatal(err)
	}
	return out
}

// Every read is recorded, as the operator, with the purpose the request states; a
// refused one is not.
func TestReadsAreRecorded(t *testing.T) {
	e := loadFirst(t, nil)
	if n := len(e.consultations()); n != 0 {
		t.Fatalf("%d consultations before any read", n)
	}
	before := e.logSize()
	wantStatus(t, e.do("GET", "/api/v1/board?at="+atMonday+"&status=priority&limit=2", "", map[string]string{
		"X-Vigil-Purpose": "weekly round",
		"X-Vigil-Actor":   "mallory",
	}), 200)
	if after := e.logSize(); after != before+1 {
		t.Errorf("the log grew from %d to %d events after a board request, want by one", before, after)
	}
	wantStatus(t, e.do("GET", "/api/v1/subjects/SUBJ-ASH/assessment?at="+atMonday+"&purpose=case+OP-7", "", nil), 200)
	wantStatus(t, e.do("GET", "/api/v1/board?at=yesterday", "", nil), 422)

	got := e.consultations()
	want := []consultation{
		{Actor: "alice", Purpose: "weekly round", What: "board", Rows: 2,
			Query: `{"at":"2026-03-09T10:00:00Z","limit":"2","status":"priority"}`},
		{Actor: "alice", Purpose: "case OP-7", What: "explain", Subjects: "SUBJ-ASH", Rows: 1,
			Query: `{"at":"2026-03-09T10:00:00Z"}`},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("consultations (-want +got):\n%s", diff)
	}
}

// logSize is how many events the store's log holds.
func (e *env) logSize() uint64 {
	e.t.Helper()
	n, err := e.store.SizeAt(vigil.WithActor(context.Background(), operator), e.now())
	if err != nil {
		e.t.Fatal(err)
	}
	return n
}
