package http

import (
	"encoding/json"
	"errors"
	"log/slog"
	nethttp "net/http"

	"github.com/vigil-oss/vigil"
)

// statusOf is the one table from error codes to HTTP status. A code missing
// here is a bug, answered as 500 (ok false).
func statusOf(code vigil.Code) (status int, ok bool) {
	switch code {
	case vigil.EInvalid:
		return nethttp.StatusUnprocessableEntity, true
	case vigil.ENotFound:
		return nethttp.StatusNotFound, true
	case vigil.EConflict:
		return nethttp.StatusConflict, true
	case vigil.EForbidden:
		return nethttp.StatusForbidden, true
	case vigil.EUnauthorized:
		return nethttp.StatusUnauthorized, true
	case vigil.EIntegrity, vigil.EInternal:
		return nethttp.StatusInternalServerError, true
	case vigil.EUnavailable:
		return nethttp.StatusServiceUnavailable, true
	}
	return nethttp.StatusInternalServerError, false
}

// problem is one FieldError as the API shows it: line and field are always
// present, so clients need not guess.
type problem struct {
	Line   int    `json:"line"`
	Field  string `json:"field"`
	Reason string `json:"reason"`
}

func problems(fs []vigil.FieldError) []problem {
	out := make([]problem, len(fs))
	for i, f := range fs {
		out[i] = problem{Line: f.Line, Field: f.Field, Reason: f.Reason}
	}
	return out
}

type errorBody struct {
	Error errorDetail `json:"error"`
}

type errorDetail struct {
	Code     vigil.Code `json:"code"`
	Message  string     `json:"message"`
	Problems []problem  `json:"problems,omitempty"`
}

// error answers with err's code, its safe message and its field problems.
// The cause is logged, never sent; an internal error's message is not sent
// either, since it may describe the cause.
func (s *Server) error(w nethttp.ResponseWriter, r *nethttp.Request, err error) {
	code := vigil.ErrorCode(err)
	status, ok := statusOf(code)
	if !ok {
		code, status = vigil.EInternal, nethttp.StatusInternalServerError
	}
	msg := ""
	var e *vigil.Error
	if errors.As(err, &e) {
		msg = e.Message
	}
	if code == vigil.EInternal || msg == "" {
		msg = nethttp.StatusText(status)
	}
	s.errorStatus(w, r, status, code, msg, err)
}

// errorStatus answers with an explicit status, for the conditions HTTP
// itself defines (405, 413) as well as for error. err, if not nil, is logged
// for server errors.
func (s *Server) errorStatus(w nethttp.ResponseWriter, r *nethttp.Request, status int, code vigil.Code, msg string, err error) {
	if status >= 500 {
		s.log.LogAttrs(r.Context(), slog.LevelError, "request failed",
			slog.String("method", r.Method), slog.String("path", r.URL.Path),
			slog.Int("status", status), slog.Any("err", err))
	}
	s.json(w, r, status, errorBody{errorDetail{Code: code, Message: msg, Problems: problems(vigil.ErrorFields(err))}})
}

// json writes v as the response body.
func (s *Server) json(w nethttp.ResponseWriter, r *nethttp.Request, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		s.log.LogAttrs(r.Context(), slog.LevelError, "encode response", slog.String("path", r.URL.Path), slog.Any("err", err))
		b, status = []byte(`{"error":{"code":"internal","message":"Internal Server Error"}}`), nethttp.StatusInternalServerError
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	w.Write(append(b, '\n'))
}
