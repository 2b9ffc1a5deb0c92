package http

import (
	"fmt"
	nethttp "net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/vigil-oss/vigil"
	"github.com/vigil-oss/vigil/caseload"
)

// board is GET /api/v1/board: every subject the operator may see, ranked.
func (s *Server) board(w nethttp.ResponseWriter, r *nethttp.Request) {
	p := params{q: r.URL.Query()}
	q := caseload.BoardQuery{Moment: p.moment(), Statuses: p.statuses("status"), Limit: p.limit("limit")}
	if err := p.err("board"); err != nil {
		s.error(w, r, err)
		return
	}
	b, err := s.caseload.Board(s.acting(r), q)
	if err != nil {
		s.error(w, r, err)
		return
	}
	s.json(w, r, nethttp.StatusOK, b)
}

// assessment is GET /api/v1/subjects/{id}/assessment: one subject's
// assessment with every contribution. A subject the operator may not see is
// not found, like one that does not exist.
func (s *Server) assessment(w nethttp.ResponseWriter, r *nethttp.Request) {
	p := params{q: r.URL.Query()}
	m := p.moment()
	if err := p.err("explain"); err != nil {
		s.error(w, r, err)
		return
	}
	x, err := s.caseload.Explain(s.acting(r), r.PathValue("id"), m)
	if err != nil {
		s.error(w, r, err)
		return
	}
	s.json(w, r, nethttp.StatusOK, x)
}

// alerts is GET /api/v1/alerts: the screens run between rounds, over the
// period (since, at].
func (s *Server) alerts(w nethttp.ResponseWriter, r *nethttp.Request) {
	p := params{q: r.URL.Query()}
	q := caseload.AlertQuery{Since: p.time("since"), Moment: p.moment()}
	if err := p.err("alerts"); err != nil {
		s.error(w, r, err)
		return
	}
	a, err := s.caseload.Alerts(s.acting(r), q)
	if err != nil {
		s.error(w, r, err)
		return
	}
	s.json(w, r, nethttp.StatusOK, a)
}

// params reads a read route's query parameters, gathering every problem so
// that one answer names them all. An absent or empty parameter is the
// engine's default.
type params struct {
	q      url.Values
	fields []vigil.FieldError
}

func (p *params) bad(name, reason string) {
	p.fields = append(p.fields, vigil.FieldError{Field: name, Reason: reason})
}

// err returns the problems found as one EInvalid error, or nil.
func (p *params) err(op string) error {
	if len(p.fields) == 0 {
		return nil
	}
	msg := "bad query parameter"
	if len(p.fields) > 1 {
		msg += "s"
	}
	return &vigil.Error{Code: vigil.EInvalid, Op: op, Message: msg, Fields: p.fields}
}

// moment reads at and known_at.
func (p *params) moment() caseload.Moment {
	return caseload.Moment{At: p.time("at"), KnownAt: p.time("known_at")}
}

// time reads an RFC 3339 time, or a date meaning its first instant in UTC.
func (p *params) time(name string) time.Time {
	v := p.q.Get(name)
	if v == "" {
		return time.Time{}
	}
	if t, err := time.Parse(time.RFC3339, v); err == nil {
		return t
	}
	if t, err := time.Parse(time.DateOnly, v); err == nil {
		return t
	}
	p.bad(name, fmt.Sprintf("%q is not a time: want an RFC 3339 time such as 2026-03-09T10:00:00Z, or a date such as 2026-03-09", v))
	return time.Time{}
}

// statuses reads a comma-separated list of subject statuses (the parameter
// may also be repeated), without duplicates, in the order given.
func (p *params) statuses(name string) []vigil.Status {
	var out []vigil.Status
	for _, v := range p.q[name] {
		for f := range strings.SplitSeq(v, ",") {
			st := vigil.Status(strings.TrimSpace(f))
			switch {
			case st == "":
			case !slices.Contains(vigil.Statuses(), st):
				p.bad(name, fmt.Sprintf("%q is not a status: want priority, monitored or closed", st))
			case !slices.Contains(out, st):
				out = append(out, st)
			}
		}
	}
	return out
}

// limit reads a non-negative row count; 0 means no limit.
func (p *params) limit(name string) int {
	v := p.q.Get(name)
	if v == "" {
		return 0
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 {
		p.bad(name, fmt.Sprintf("%q is not a count: want a non-negative integer, 0 for no limit", v))
		return 0
	}
	return n
}
