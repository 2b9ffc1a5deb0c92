package http_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net"
	nethttp "net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/vigil-oss/vigil"
	"github.com/vigil-oss/vigil/caseload"
	"github.com/vigil-oss/vigil/catalogue"
	vhttp "github.com/vigil-oss/vigil/http"
	"github.com/vigil-oss/vigil/sqlite"
)

var operator = vigil.Actor{Name: "alice", Roles: []vigil.Role{vigil.RoleAnalyst}, Compartments: []string{vigil.AllCompartments}}

const (
	lineSource  = `{"type":"source","id":"S1","kind":"informant","evaluation":"1"}`
	lineSubject = `{"type":"subject","id":"P1","status":"priority"}`
	lineItem    = `{"type":"item","id":"I1","received_at":"2025-01-06T09:00:00Z","source":"S1","assessment":"B","handling":"P","subjects":["P1"],"indicators":["fixation"]}`
	// lineBadItem has an assessment letter that does not exist.
	lineBadItem = `{"type":"item","id":"I2","received_at":"2025-01-06T09:00:00Z","source":"S1","assessment":"Z","handling":"P","subjects":["P1"],"indicators":[]}`
	// lineOrphan refers to a source that is nowhere: only the store can tell.
	lineOrphan = `{"type":"item","id":"I3","received_at":"2025-01-06T09:00:00Z","source":"S9","assessment":"A","handling":"P","subjects":["P1"],"indicators":[]}`
)

func ndjsonBody(lines ...string) string { return strings.Join(lines, "\n") + "\n" }

type env struct {
	t      *testing.T
	url    string
	path   string
	store  *sqlite.Store
	engine *caseload.Engine
	// clock is the store's and the engine's time in Unix nanoseconds; zero
	// means the real time. It is atomic because the server reads it.
	clock atomic.Int64
}

// newEnv serves a fresh store in a temporary directory over real HTTP, with
// a caseload engine following it.
func newEnv(t *testing.T, edit func(*vhttp.Config)) *env {
	t.Helper()
	e := &env{t: t, path: filepath.Join(t.TempDir(), "vigil.db")}
	st, err := sqlite.Open(context.Background(), e.path, sqlite.Options{Create: true, Now: e.now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	eng, err := caseload.Open(vigil.WithActor(context.Background(), operator), st, caseload.Options{Now: e.now})
	if err != nil {
		t.Fatal(err)
	}
	e.store, e.engine = st, eng
	cfg := vhttp.Config{Store: st, Caseload: eng, Catalogue: catalogue.Default(), Operator: operator}
	if edit != nil {
		edit(&cfg)
	}
	srv, err := vhttp.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	e.url = ts.URL
	return e
}

func (e *env) now() time.Time {
	if ns := e.clock.Load(); ns != 0 {
		return time.Unix(0, ns).UTC()
	}
	return time.Now()
}

// setClock sets the store's clock to an RFC 3339 time.
func (e *env) setClock(rfc3339 string) {
	e.t.Helper()
	t, err := time.Parse(time.RFC3339, rfc3339)
	if err != nil {
		e.t.Fatal(err)
	}
	e.clock.Store(t.UnixNano())
}

type response struct {
	status int
	header nethttp.Header
	body   []byte
}

func (r response) json(t *testing.T) map[string]any {
	t.Helper()
	var v map[string]any
	if err := json.Unmarshal(r.body, &v); err != nil {
		t.Fatalf("response is not a JSON object: %v\n%s", err, r.body)
	}
	return v
}

func (e *env) do(method, path, body string, header map[string]string) response {
	e.t.Helper()
	req, err := nethttp.NewRequest(method, e.url+path, strings.NewReader(body))
	if err != nil {
		e.t.Fatal(err)
	}
	for k, v := range header {
		if k == "Host" {
			req.Host = v
			continue
		}
		req.Header.Set(k, v)
	}
	res, err := nethttp.DefaultClient.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		e.t.Fatal(err)
	}
	return response{status: res.StatusCode, header: res.Header, body: b}
}

func (e *env) counts() map[vigil.Kind]int {
	e.t.Helper()
	n, err := e.store.Counts(vigil.WithActor(context.Background(), operator))
	if err != nil {
		e.t.Fatal(err)
	}
	return n
}

func wantStatus(t *testing.T, r response, want int) {
	t.Helper()
	if r.status != want {
		t.Fatalf("status %d, want %d; body:\n%s", r.status, want, r.body)
	}
}

func TestHealthz(t *testing.T) {
	e := newEnv(t, func(c *vhttp.Config) { c.Token = "secret" })
	r := e.do("GET", "/healthz", "", nil) // no token: health is public
	wantStatus(t, r, 200)
	if diff := cmp.Diff(map[string]any{"status": "ok"}, r.json(t)); diff != "" {
		t.Errorf("body (-want +got):\n%s", diff)
	}
	for k, want := range map[string]string{
		"Content-Type":           "application/json",
		"X-Content-Type-Options": "nosniff",
		"Cache-Control":          "no-store",
	} {
		if got := r.header.Get(k); got != want {
			t.Errorf("%s: %q, want %q", k, got, want)
		}
	}
	if csp := r.header.Get("Content-Security-Policy"); !strings.HasPrefix(csp, "default-src 'none'") {
		t.Errorf("Content-Security-Policy: %q", csp)
	}
}

func TestImport(t *testing.T) {
	e := newEnv(t, nil)
	body := ndjsonBody(lineSource, lineSubject, lineItem)

	r := e.do("POST", "/api/v1/import", body, nil)
	wantStatus(t, r, 200)
	got := r.json(t)
	want := map[string]any{
		"batch":     got["batch"],
		"added":     map[string]any{"source": 1.0, "subject": 1.0, "item": 1.0},
		"unchanged": 0.0,
		"rejected":  []any{},
		"size":      got["size"],
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("response (-want +got):\n%s", diff)
	}
	if b, _ := got["batch"].(string); b == "" {
		t.Errorf("no batch in %s", r.body)
	}
	if !bytes.Contains(r.body, []byte(`"rejected":[]`)) {
		t.Errorf("rejected is not [] in %s", r.body)
	}
	c := e.counts()
	if c[vigil.KindSource] != 1 || c[vigil.KindSubject] != 1 || c[vigil.KindItem] != 1 || c[vigil.KindImport] != 1 {
		t.Errorf("counts after import: %v", c)
	}

	t.Run("again is a no-op", func(t *testing.T) {
		r := e.do("POST", "/api/v1/import", body, nil)
		wantStatus(t, r, 200)
		got := r.json(t)
		if diff := cmp.Diff(map[string]any{}, got["added"]); diff != "" {
			t.Errorf("added (-want +got):\n%s", diff)
		}
		if got["unchanged"] != 3.0 {
			t.Errorf("unchanged = %v, want 3", got["unchanged"])
		}
		c2 := e.counts()
		if c2[vigil.KindItem] != 1 || c2[vigil.KindImport] != 2 {
			t.Errorf("counts after re-import: %v", c2)
		}
	})
}

func TestImportRejectsBadLine(t *testing.T) {
	e := newEnv(t, nil)
	r := e.do("POST", "/api/v1/import", ndjsonBody(lineSource, lineSubject, lineItem, lineBadItem), nil)
	wantStatus(t, r, 422)
	var got struct {
		Error struct {
			Code     string
			Message  string
			Problems []struct {
				Line   int
				Field  string
				Reason string
			}
		}
	}
	if err := json.Unmarshal(r.body, &got); err != nil {
		t.Fatal(err)
	}
	if got.Error.Code != "invalid" || len(got.Error.Problems) != 1 {
		t.Fatalf("error: %s", r.body)
	}
	if p := got.Error.Problems[0]; p.Line != 4 || p.Field != "assessment" || p.Reason == "" {
		t.Errorf("problem = %+v, want line 4: field assessment", p)
	}
	if !strings.Contains(got.Error.Message, "nothing written") {
		t.Errorf("message %q does not say nothing was written", got.Error.Message)
	}
	for k, n := range e.counts() {
		if n != 0 {
			t.Errorf("store has %d %s after a rejected import", n, k)
		}
	}

	t.Run("reference the store rejects", func(t *testing.T) {
		r := e.do("POST", "/api/v1/import", ndjsonBody(lineSource, lineSubject, lineOrphan), nil)
		wantStatus(t, r, 422)
		if !bytes.Contains(r.body, []byte(`"line":3,"field":"source"`)) {
			t.Errorf("body does not name line 3, field source:\n%s", r.body)
		}
		if n := e.counts()[vigil.KindImport]; n != 0 {
			t.Errorf("%d imports recorded", n)
		}
	})
}

func TestImportPartial(t *testing.T) {
	e := newEnv(t, nil)
	body := ndjsonBody(lineSource, lineBadItem, lineSubject, lineOrphan, lineItem)
	r := e.do("POST", "/api/v1/import?partial=true", body, nil)
	wantStatus(t, r, 200)
	var got struct {
		Added    map[string]int
		Rejected []struct {
			Line  int
			Field string
		}
	}
	if err := json.Unmarshal(r.body, &got); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(map[string]int{"source": 1, "subject": 1, "item": 1}, got.Added); diff != "" {
		t.Errorf("added (-want +got):\n%s", diff)
	}
	// The decoder's problem (line 2) and the store's (line 4), by line.
	var lines []int
	for _, p := range got.Rejected {
		lines = append(lines, p.Line)
	}
	if diff := cmp.Diff([]int{2, 4}, lines); diff != "" {
		t.Errorf("rejected lines (-want +got):\n%s\n%s", diff, r.body)
	}
	if c := e.counts(); c[vigil.KindItem] != 1 || c[vigil.KindSubject] != 1 {
		t.Errorf("counts: %v", c)
	}

	t.Run("bad partial value", func(t *testing.T) {
		r := e.do("POST", "/api/v1/import?partial=maybe", body, nil)
		wantStatus(t, r, 422)
		if !bytes.Contains(r.body, []byte(`"field":"partial"`)) {
			t.Errorf("body does not name partial:\n%s", r.body)
		}
	})
}

func TestToken(t *testing.T) {
	e := newEnv(t, func(c *vhttp.Config) { c.Token = "s3cret-token" })
	body := ndjsonBody(lineSource)
	for _, tc := range []struct {
		name, auth string
		want       int
	}{
		{"missing", "", 401},
		{"wrong", "Bearer nope", 401},
		{"longer", "Bearer s3cret-token-and-more", 401},
		{"not bearer", "Basic czNjcmV0LXRva2Vu", 401},
		{"right", "Bearer s3cret-token", 200},
		{"scheme in any case", "bearer s3cret-token", 200},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := map[string]string{}
			if tc.auth != "" {
				h["Authorization"] = tc.auth
			}
			for _, req := range []struct{ method, path, body string }{
				{"POST", "/api/v1/import", body},
				{"GET", "/metrics", ""},
				{"GET", "/api/v1/board", ""},
				{"GET", "/api/v1/alerts", ""},
			} {
				r := e.do(req.method, req.path, req.body, h)
				wantStatus(t, r, tc.want)
				if tc.want == 401 {
					if got := r.header.Get("WWW-Authenticate"); got != "Bearer" {
						t.Errorf("WWW-Authenticate: %q", got)
					}
					if code := r.json(t)["error"].(map[string]any)["code"]; code != "unauthorized" {
						t.Errorf("code %v", code)
					}
				}
			}
		})
	}
	if n := e.counts()[vigil.KindImport]; n != 2 {
		t.Errorf("%d imports recorded, want 2 (only the authorised ones)", n)
	}
}

// The actor recorded is always the operator: nothing the request says can
// change it.
func TestActorIsOperator(t *testing.T) {
	e := newEnv(t, nil)
	body := ndjsonBody(lineSource, lineSubject)
	r := e.do("POST", "/api/v1/import?purpose=ignored", body, map[string]string{
		"X-Vigil-Actor":   "mallory",
		"X-Vigil-User":    "mallory",
		"X-Remote-User":   "mallory",
		"X-Vigil-As":      "mallory",
		"X-Vigil-Purpose": "case OP-7",
		"X-Vigil-File":    "weekly.ndjson",
	})
	wantStatus(t, r, 200)
	r = e.do("POST", "/api/v1/import?purpose=query+purpose&as=mallory", body, nil)
	wantStatus(t, r, 200)

	db, err := sql.Open("sqlite3", "file:"+e.path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query(`SELECT actor, purpose, file, sha256 FROM imports ORDER BY seq`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var got [][4]string
	for rows.Next() {
		var r [4]string
		if err := rows.Scan(&r[0], &r[1], &r[2], &r[3]); err != nil {
			t.Fatal(err)
		}
		got = append(got, r)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256([]byte(body))
	hash := hex.EncodeToString(sum[:])
	want := [][4]string{
		{"alice", "case OP-7", "http:weekly.ndjson", hash},
		{"alice", "query purpose", "http:request-body", hash},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("imports (-want +got):\n%s", diff)
	}
}

func TestImportTooLarge(t *testing.T) {
	e := newEnv(t, func(c *vhttp.Config) { c.MaxImportBytes = 1 << 10 })
	var lines []string
	for range 40 {
		lines = append(lines, lineSource)
	}
	r := e.do("POST", "/api/v1/import", ndjsonBody(lines...), nil)
	wantStatus(t, r, 413)
	msg, _ := r.json(t)["error"].(map[string]any)["message"].(string)
	if !strings.Contains(msg, "1 KiB") {
		t.Errorf("message %q does not name the limit", msg)
	}
	for k, n := range e.counts() {
		if n != 0 {
			t.Errorf("store has %d %s after a refused import", n, k)
		}
	}
}

func TestMetrics(t *testing.T) {
	reg := prometheus.NewRegistry()
	e := newEnv(t, func(c *vhttp.Config) { c.Registry = reg })
	wantStatus(t, e.do("POST", "/api/v1/import?partial=true", ndjsonBody(lineSource, lineSubject, lineItem, lineBadItem), nil), 200)

	r := e.do("GET", "/metrics", "", nil)
	wantStatus(t, r, 200)
	text := string(r.body)
	for _, want := range []string{
		`vigil_import_records_total{kind="item"} 1`,
		`vigil_import_records_total{kind="source"} 1`,
		`vigil_import_records_total{kind="link"} 0`,
		`vigil_import_rejected_total 1`,
		`vigil_http_requests_total{code="200",route="POST /api/v1/import"} 1`,
		`vigil_http_request_duration_seconds_count{route="POST /api/v1/import"} 1`,
		`go_goroutines `,
		`process_cpu_seconds_total `,
	} {
		if !strings.Contains(text, want) {
			t.Errorf("metrics lack %q", want)
		}
	}

	t.Run("two servers share a registry", func(t *testing.T) {
		_, err := vhttp.New(vhttp.Config{Store: e.store, Caseload: e.engine, Catalogue: catalogue.Default(), Operator: operator, Registry: reg})
		if err != nil {
			t.Fatal(err)
		}
	})
}

func TestRefusals(t *testing.T) {
	e := newEnv(t, nil)
	for _, tc := range []struct {
		name         string
		method, path string
		header       map[string]string
		status       int
		code         string
	}{
		{"unknown route", "GET", "/nope", nil, 404, "not_found"},
		{"wrong method", "GET", "/api/v1/import", nil, 405, "invalid"},
		{"wrong method on the board", "POST", "/api/v1/board", nil, 405, "invalid"},
		{"wrong method on an assessment", "DELETE", "/api/v1/subjects/SUBJ-ASH/assessment", nil, 405, "invalid"},
		{"wrong method on alerts", "PUT", "/api/v1/alerts", nil, 405, "invalid"},
		{"cross-origin browser post", "POST", "/api/v1/import", map[string]string{"Sec-Fetch-Site": "cross-site"}, 403, "forbidden"},
		{"foreign origin", "POST", "/api/v1/import", map[string]string{"Origin": "https://evil.example"}, 403, "forbidden"},
		{"rebound host without a token", "GET", "/metrics", map[string]string{"Host": "evil.example"}, 403, "forbidden"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := e.do(tc.method, tc.path, ndjsonBody(lineSource), tc.header)
			wantStatus(t, r, tc.status)
			if code := r.json(t)["error"].(map[string]any)["code"]; code != tc.code {
				t.Errorf("code %v, want %s", code, tc.code)
			}
			if r.header.Get("X-Content-Type-Options") != "nosniff" {
				t.Error("no nosniff header")
			}
		})
	}
	if n := e.counts()[vigil.KindImport]; n != 0 {
		t.Errorf("%d imports recorded", n)
	}
}

func TestNewChecksConfig(t *testing.T) {
	e := newEnv(t, nil)
	st, eng := e.store, e.engine
	for name, cfg := range map[string]vhttp.Config{
		"no store":     {Caseload: eng, Catalogue: catalogue.Default(), Operator: operator},
		"no caseload":  {Store: st, Catalogue: catalogue.Default(), Operator: operator},
		"no catalogue": {Store: st, Caseload: eng, Operator: operator},
		"no operator":  {Store: st, Caseload: eng, Catalogue: catalogue.Default()},
	} {
		if _, err := vhttp.New(cfg); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

// blockingStore holds Import until released, so a test can act while a
// request is in flight.
type blockingStore struct {
	vigil.Store
	started chan struct{}
	release chan struct{}
}

func (s *blockingStore) Import(ctx context.Context, recs []vigil.Record, opt vigil.ImportOptions) (vigil.ImportResult, error) {
	close(s.started)
	<-s.release
	return s.Store.Import(ctx, recs, opt)
}

// notify closes ch when a record with message msg is logged.
type notify struct {
	slog.Handler
	msg  string
	once sync.Once
	ch   chan struct{}
}

func (n *notify) Enabled(context.Context, slog.Level) bool { return true }

func (n *notify) Handle(ctx context.Context, r slog.Record) error {
	if r.Message == n.msg {
		n.once.Do(func() { close(n.ch) })
	}
	return nil
}

func TestServeShutsDownGracefully(t *testing.T) {
	path := filepath.Join(t.TempDir(), "vigil.db")
	st, err := sqlite.Open(context.Background(), path, sqlite.Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	eng, err := caseload.Open(vigil.WithActor(context.Background(), operator), st, caseload.Options{})
	if err != nil {
		t.Fatal(err)
	}
	bs := &blockingStore{Store: st, started: make(chan struct{}), release: make(chan struct{})}
	shutting := &notify{Handler: slog.DiscardHandler, msg: "shutting down", ch: make(chan struct{})}
	srv, err := vhttp.New(vhttp.Config{Store: bs, Caseload: eng, Catalogue: catalogue.Default(), Operator: operator, Logger: slog.New(shutting)})
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ctx, ln) }()

	type result struct {
		status int
		body   []byte
		err    error
	}
	answered := make(chan result, 1)
	go func() {
		res, err := nethttp.Post("http://"+ln.Addr().String()+"/api/v1/import", "application/x-ndjson",
			strings.NewReader(ndjsonBody(lineSource, lineSubject)))
		if err != nil {
			answered <- result{err: err}
			return
		}
		defer res.Body.Close()
		b, err := io.ReadAll(res.Body)
		answered <- result{res.StatusCode, b, err}
	}()

	<-bs.started // the request is in flight
	cancel()
	<-shutting.ch // Serve has begun shutting down
	select {
	case err := <-served:
		t.Fatalf("Serve returned with a request in flight: %v", err)
	default:
	}
	close(bs.release)

	res := <-answered
	if res.err != nil {
		t.Fatalf("in-flight request failed: %v", res.err)
	}
	if res.status != 200 {
		t.Fatalf("in-flight request: status %d: %s", res.status, res.body)
	}
	if err := <-served; err != nil {
		t.Fatalf("Serve: %v", err)
	}
	if n, err := st.Counts(vigil.WithActor(context.Background(), operator)); err != nil || n[vigil.KindSubject] != 1 {
		t.Errorf("counts %v, %v", n, err)
	}
	if c, err := net.Dial("tcp", ln.Addr().String()); err == nil {
		c.Close()
		t.Error("listener still accepts after Serve returned")
	}
}

// failingStore fails every import with a cause that must not reach clients.
type failingStore struct{ vigil.Store }

func (failingStore) Import(context.Context, []vigil.Record, vigil.ImportOptions) (vigil.ImportResult, error) {
	return vigil.ImportResult{}, errors.New("disk on fire under /srv/secret/vigil.db")
}

func TestInternalErrorIsLoggedNotSent(t *testing.T) {
	var logs bytes.Buffer
	var mu sync.Mutex
	logger := slog.New(slog.NewJSONHandler(lockedWriter{&mu, &logs}, nil))
	e := newEnv(t, func(c *vhttp.Config) {
		c.Store = failingStore{c.Store}
		c.Logger = logger
	})
	r := e.do("POST", "/api/v1/import?purpose=case+OP-7", ndjsonBody(lineSource), nil)
	wantStatus(t, r, 500)
	if bytes.Contains(r.body, []byte("secret")) {
		t.Errorf("cause sent to the client: %s", r.body)
	}
	if code := r.json(t)["error"].(map[string]any)["code"]; code != "internal" {
		t.Errorf("code %v", code)
	}
	mu.Lock()
	defer mu.Unlock()
	if !strings.Contains(logs.String(), "disk on fire") {
		t.Errorf("cause not logged:\n%s", logs.String())
	}
	// The request line names the route, status and size, never the body or
	// the query (a purpose may name a case).
	for _, want := range []string{`"route":"POST /api/v1/import"`, `"status":500`, `"method":"POST"`, `"bytes":`, `"duration":`} {
		if !strings.Contains(logs.String(), want) {
			t.Errorf("log lacks %s:\n%s", want, logs.String())
		}
	}
	for _, never := range []string{`"S1"`, "OP-7"} {
		if strings.Contains(logs.String(), never) {
			t.Errorf("log contains %s:\n%s", never, logs.String())
		}
	}
}

type lockedWriter struct {
	mu *sync.Mutex
	w  io.Writer
}

func (l lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}
