// Package http serves Vigil's JSON API over HTTP, behind a bearer token:
//
//	GET  /healthz                          liveness (public: no token)
//	GET  /metrics                          Prometheus metrics
//	POST /api/v1/import                    NDJSON intake (?partial=true)
//	GET  /api/v1/board                     the ranked caseload (?at, known_at, status, limit)
//	GET  /api/v1/subjects/{id}/assessment  one subject's assessment, explained (?at, known_at)
//	GET  /api/v1/alerts                    escalations, re-engagements and source flags
//	                                       (?since, at, known_at)
//
// The three reads are answered by a caseload.Engine, in the JSON of the
// brief's board and explain contracts. The engine follows the store's log on
// every query, so an import through this server or by another process on the
// same store is seen by the next read, and it records every read in the log
// as a consultation before answering. Times in queries are RFC 3339, or a
// date meaning midnight UTC; answers give them in UTC. Unknown query
// parameters are ignored.
//
// Until accounts exist, every request acts as the operator who started the
// server (Config.Operator), with the purpose it states in the
// X-Vigil-Purpose header or the purpose query parameter. Nothing in a request
// can name another actor: a header claiming to be someone else is ignored,
// because a record of who did what is only worth keeping if the person
// recorded cannot be chosen by the caller.
//
// Errors are JSON, {"error":{"code":…,"message":…,"problems":[…]}}, with the
// status taken from one table (statusOf) keyed by vigil.Code. Only the safe
// message reaches the client; causes go to the log.
package http

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	nethttp "net/http"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/vigil-oss/vigil"
	"github.com/vigil-oss/vigil/caseload"
	"github.com/vigil-oss/vigil/catalogue"
)

// DefaultMaxImportBytes is the largest import body accepted when
// Config.MaxImportBytes is zero.
const DefaultMaxImportBytes = 256 << 20

// shutdownTimeout bounds how long Serve waits for in-flight requests once
// its context is done.
const shutdownTimeout = 10 * time.Second

// Config says what a Server serves and how.
type Config struct {
	Store vigil.Store
	// Caseload answers the board, assessment and alerts routes. It should
	// follow Store: reads are recorded in the store the engine was opened on.
	Caseload  *caseload.Engine
	Catalogue *catalogue.Catalogue
	// Operator is who every request acts as: the person who started the
	// server. No request may name another actor.
	Operator vigil.Actor
	// Token, when not empty, is required as "Authorization: Bearer TOKEN" on
	// every route except /healthz.
	Token string
	// Logger receives one line per request and the causes of server errors;
	// nil discards them.
	Logger *slog.Logger
	// Registry holds the server's metrics and is what /metrics serves; nil
	// means a new registry.
	Registry *prometheus.Registry
	// MaxImportBytes limits an import's body; zero means DefaultMaxImportBytes.
	MaxImportBytes int64
}

// Server is Vigil's HTTP API.
type Server struct {
	store     vigil.Store
	caseload  *caseload.Engine
	cat       *catalogue.Catalogue
	operator  vigil.Actor
	token     string
	log       *slog.Logger
	maxImport int64
	metrics   *metrics
	cop       *nethttp.CrossOriginProtection
	handler   nethttp.Handler
}

// New checks cfg and returns a server ready to serve.
func New(cfg Config) (*Server, error) {
	if cfg.Store == nil {
		return nil, errors.New("http: no store")
	}
	if cfg.Caseload == nil {
		return nil, errors.New("http: no caseload engine")
	}
	if cfg.Catalogue == nil {
		return nil, errors.New("http: no catalogue")
	}
	if err := cfg.Operator.Validate(); err != nil {
		return nil, fmt.Errorf("http: operator: %w", err)
	}
	if cfg.MaxImportBytes < 0 {
		return nil, fmt.Errorf("http: import limit %d is negative", cfg.MaxImportBytes)
	}
	if cfg.MaxImportBytes == 0 {
		cfg.MaxImportBytes = DefaultMaxImportBytes
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.Registry == nil {
		cfg.Registry = prometheus.NewRegistry()
	}
	m, err := newMetrics(cfg.Registry)
	if err != nil {
		return nil, fmt.Errorf("http: metrics: %w", err)
	}
	s := &Server{
		store:     cfg.Store,
		caseload:  cfg.Caseload,
		cat:       cfg.Catalogue,
		operator:  cfg.Operator,
		token:     cfg.Token,
		log:       cfg.Logger,
		maxImport: cfg.MaxImportBytes,
		metrics:   m,
	}
	// A page elsewhere must not be able to drive this API from the
	// operator's browser (a form posted to 127.0.0.1, say): unsafe
	// cross-origin browser requests are refused.
	s.cop = nethttp.NewCrossOriginProtection()
	s.cop.SetDenyHandler(nethttp.HandlerFunc(func(w nethttp.ResponseWriter, r *nethttp.Request) {
		s.error(w, r, vigil.Errorf(vigil.EForbidden, "cross-origin request refused"))
	}))
	s.handler = s.routes(cfg.Registry)
	return s, nil
}

// routes builds the mux. Every handler is wrapped by wrap, which names it
// for logs and metrics; each path also gets a method-less pattern so that a
// wrong method is a JSON 405, not the mux's plain-text one.
func (s *Server) routes(reg *prometheus.Registry) nethttp.Handler {
	mux := nethttp.NewServeMux()
	metricsHandler := promhttp.HandlerFor(reg, promhttp.HandlerOpts{
		ErrorLog:      slog.NewLogLogger(s.log.Handler(), slog.LevelError),
		ErrorHandling: promhttp.ContinueOnError,
	})
	s.route(mux, "GET", "/healthz", false, nethttp.HandlerFunc(s.healthz))
	s.route(mux, "GET", "/metrics", true, metricsHandler)
	s.route(mux, "POST", "/api/v1/import", true, nethttp.HandlerFunc(s.importHandler))
	s.route(mux, "GET", "/api/v1/board", true, nethttp.HandlerFunc(s.board))
	s.route(mux, "GET", "/api/v1/subjects/{id}/assessment", true, nethttp.HandlerFunc(s.assessment))
	s.route(mux, "GET", "/api/v1/alerts", true, nethttp.HandlerFunc(s.alerts))
	mux.Handle("/", s.wrap("unmatched", true, nethttp.HandlerFunc(s.notFound)))
	return secure(mux)
}

// route registers "METHOD path", and a 405 for the path's other methods.
func (s *Server) route(mux *nethttp.ServeMux, method, path string, auth bool, h nethttp.Handler) {
	pattern := method + " " + path
	mux.Handle(pattern, s.wrap(pattern, auth, h))
	allow := method
	if method == "GET" {
		allow = "GET, HEAD"
	}
	mux.Handle(path, s.wrap(path, auth, nethttp.HandlerFunc(func(w nethttp.ResponseWriter, r *nethttp.Request) {
		w.Header().Set("Allow", allow)
		s.errorStatus(w, r, nethttp.StatusMethodNotAllowed, vigil.EInvalid,
			fmt.Sprintf("method %s not allowed on %s; use %s", r.Method, path, allow), nil)
	})))
}

// wrap applies the checks every route shares, outermost first: logging and
// metrics (so refusals are counted too), the host check, cross-origin
// protection and, unless the route is public, the bearer token.
func (s *Server) wrap(route string, auth bool, h nethttp.Handler) nethttp.Handler {
	if auth {
		h = s.authenticate(h)
	}
	return s.instrument(route, s.checkHost(s.cop.Handler(h)))
}

// Handler returns the server's handler, for use with any net/http server.
func (s *Server) Handler() nethttp.Handler { return s.handler }

// Serve serves on ln until ctx is done, then shuts down gracefully: it stops
// accepting, lets in-flight requests finish for up to 10 seconds, and
// returns nil. Requests still running after that are cut off (their
// contexts are cancelled, so an import rolls back), and Serve waits up to
// another 10 seconds for their handlers to return before it reports the
// failed shutdown.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	var inflight sync.WaitGroup
	h := s.handler
	srv := &nethttp.Server{
		Handler: nethttp.HandlerFunc(func(w nethttp.ResponseWriter, r *nethttp.Request) {
			inflight.Add(1)
			defer inflight.Done()
			h.ServeHTTP(w, r)
		}),
		// No overall read or write timeout: a large import may take
		// minutes. Slow headers, though, are never legitimate.
		ReadHeaderTimeout: 10 * time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	select {
	case err := <-served:
		return fmt.Errorf("serve %s: %w", ln.Addr(), err)
	case <-ctx.Done():
	}
	s.log.Info("shutting down", "addr", ln.Addr().String())
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), shutdownTimeout)
	defer cancel()
	err := srv.Shutdown(sctx)
	if serr := <-served; serr != nil && !errors.Is(serr, nethttp.ErrServerClosed) {
		return fmt.Errorf("serve %s: %w", ln.Addr(), serr)
	}
	if err != nil {
		// Closing the connections cancels the requests' contexts, so a
		// running import rolls back rather than half-applies.
		srv.Close()
		done := make(chan struct{})
		go func() { inflight.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(shutdownTimeout):
			s.log.Error("handlers still running after shutdown", "addr", ln.Addr().String())
		}
		return fmt.Errorf("shutdown %s: requests still running after %s: %w", ln.Addr(), shutdownTimeout, err)
	}
	return nil
}

// acting returns the request's context acting as the operator, with the
// purpose the request states: the X-Vigil-Purpose header, else the purpose
// query parameter. Nothing else in the request bears on who acts.
func (s *Server) acting(r *nethttp.Request) context.Context {
	purpose := r.Header.Get("X-Vigil-Purpose")
	if purpose == "" {
		purpose = r.URL.Query().Get("purpose")
	}
	return vigil.WithPurpose(vigil.WithActor(r.Context(), s.operator), purpose)
}

func (s *Server) healthz(w nethttp.ResponseWriter, r *nethttp.Request) {
	s.json(w, r, nethttp.StatusOK, map[string]string{"status": "ok"})
}

func (s *Server) notFound(w nethttp.ResponseWriter, r *nethttp.Request) {
	s.error(w, r, vigil.Errorf(vigil.ENotFound, "no such route: %s", r.URL.Path))
}
