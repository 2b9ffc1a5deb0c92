package http

import (
	"crypto/sha256"
	"crypto/subtle"
	"log/slog"
	"net"
	nethttp "net/http"
	"strconv"
	"strings"
	"time"

	"github.com/vigil-oss/vigil"
)

// secure sets the headers every response carries. Nothing this package
// serves is a page or may be cached: API responses hold personal data.
func secure(next nethttp.Handler) nethttp.Handler {
	return nethttp.HandlerFunc(func(w nethttp.ResponseWriter, r *nethttp.Request) {
		h := w.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("Cache-Control", "no-store")
		next.ServeHTTP(w, r)
	})
}

// authenticate requires the bearer token, when one is configured.
func (s *Server) authenticate(next nethttp.Handler) nethttp.Handler {
	if s.token == "" {
		return next
	}
	want := sha256.Sum256([]byte(s.token))
	return nethttp.HandlerFunc(func(w nethttp.ResponseWriter, r *nethttp.Request) {
		got, ok := bearer(r.Header.Get("Authorization"))
		// Comparing digests keeps the comparison constant-time in the
		// token's length as well as its content.
		have := sha256.Sum256([]byte(got))
		if !ok || subtle.ConstantTimeCompare(have[:], want[:]) != 1 {
			w.Header().Set("WWW-Authenticate", "Bearer")
			s.error(w, r, vigil.Errorf(vigil.EUnauthorized, "a valid bearer token is required"))
			return
		}
		next.ServeHTTP(w, r)
	})
}

// bearer returns the token of an "Authorization: Bearer TOKEN" header; the
// scheme is case-insensitive (RFC 9110, section 11.1).
func bearer(header string) (string, bool) {
	scheme, token, ok := strings.Cut(header, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return "", false
	}
	token = strings.TrimSpace(token)
	return token, token != ""
}

// checkHost refuses, when no token is configured, requests whose Host is not
// localhost or an IP address. Without a token the server listens on loopback
// only, and this keeps a web page from reaching it through DNS rebinding (a
// name of the attacker's that resolves to 127.0.0.1), which cross-origin
// checks alone cannot see. With a token, the token is the protection.
func (s *Server) checkHost(next nethttp.Handler) nethttp.Handler {
	if s.token != "" {
		return next
	}
	return nethttp.HandlerFunc(func(w nethttp.ResponseWriter, r *nethttp.Request) {
		if !localHost(r.Host) {
			s.error(w, r, vigil.Errorf(vigil.EForbidden, "host %q refused: without a token the server answers only to localhost or an IP address", r.Host))
			return
		}
		next.ServeHTTP(w, r)
	})
}

func localHost(hostport string) bool {
	host := hostport
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		host = h
	}
	host = strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")
	if strings.EqualFold(host, "localhost") {
		return true
	}
	return net.ParseIP(host) != nil
}

// instrument logs each request and records its metrics under route, a mux
// pattern, so label values stay few. It never logs bodies or query strings:
// both may hold personal data or a stated purpose.
func (s *Server) instrument(route string, next nethttp.Handler) nethttp.Handler {
	duration := s.metrics.duration.WithLabelValues(route)
	return nethttp.HandlerFunc(func(w nethttp.ResponseWriter, r *nethttp.Request) {
		start := time.Now()
		rec := &recorder{ResponseWriter: w}
		next.ServeHTTP(rec, r)
		elapsed := time.Since(start)
		status := rec.status
		if status == 0 {
			status = nethttp.StatusOK
		}
		duration.Observe(elapsed.Seconds())
		s.metrics.requests.WithLabelValues(route, strconv.Itoa(status)).Inc()
		s.log.LogAttrs(r.Context(), levelOf(status), "request",
			slog.String("method", r.Method),
			slog.String("route", route),
			slog.Int("status", status),
			slog.Duration("duration", elapsed),
			slog.Int64("bytes", rec.bytes),
		)
	})
}

// recorder notes the status and size of a response.
type recorder struct {
	nethttp.ResponseWriter
	status int
	bytes  int64
}

func (r *recorder) WriteHeader(code int) {
	if r.status == 0 {
		r.status = code
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *recorder) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.status = nethttp.StatusOK
	}
	n, err := r.ResponseWriter.Write(b)
	r.bytes += int64(n)
	return n, err
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (r *recorder) Unwrap() nethttp.ResponseWriter { return r.ResponseWriter }

// levelOf is the log level of a request's line: server errors stand out.
func levelOf(status int) slog.Level {
	if status >= 500 {
		return slog.LevelError
	}
	return slog.LevelInfo
}
