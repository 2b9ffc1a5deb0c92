package main

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"os"
	"strings"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/vigil-oss/vigil"
	"github.com/vigil-oss/vigil/caseload"
	"github.com/vigil-oss/vigil/catalogue"
	vhttp "github.com/vigil-oss/vigil/http"
)

func serveCommand() command {
	var addr, tokenFile string
	return command{
		name:    "serve",
		summary: "serve the HTTP API (loopback unless --token-file)",
		usage:   "[--addr HOST:PORT] [--token-file FILE]",
		flags: func(fs *flagSet) {
			fs.StringVar(&addr, "addr", "127.0.0.1:8080", "listen `HOST:PORT`")
			fs.StringVar(&tokenFile, "token-file", "", "bearer token `FILE`; required for a non-loopback address")
		},
		run: func(ctx context.Context, m *Main, cfg *config, args []string) error {
			if len(args) > 0 {
				return usagef("serve takes no arguments")
			}
			token, err := readToken(tokenFile)
			if err != nil {
				return err
			}
			if !isLoopback(addr) && token == "" {
				return usagef("serve: %s is not a loopback address: until accounts exist, serving it needs --token-file", addr)
			}
			ctx = m.context(ctx, cfg)
			s, err := m.open(ctx, cfg, false)
			if err != nil {
				return err
			}
			defer s.Close()
			ln, err := net.Listen("tcp", addr)
			if err != nil {
				return &exitError{code: exitUsage, msg: "serve: " + err.Error()}
			}
			return m.serve(ctx, cfg, s, ln, token)
		},
	}
}

// serve runs the HTTP server on ln until ctx ends.
func (m *Main) serve(ctx context.Context, cfg *config, s vigil.Store, ln net.Listener, token string) error {
	logger := slog.New(slog.NewJSONHandler(m.Stderr, nil))
	reg := prometheus.NewRegistry()
	// The engine holds the caseload in memory from the start, and follows the log on
	// every query, so imports by other processes are reflected.
	ctx = vigil.WithActor(ctx, cfg.actor())
	eng, err := caseload.Open(ctx, s, caseload.Options{Now: m.Now, Logger: logger, Registerer: reg})
	if err != nil {
		ln.Close()
		return err
	}
	cat, err := caseload.CatalogueAt(ctx, s, catalogue.Default(), m.Now())
	if err != nil {
		ln.Close()
		return err
	}
	srv, err := vhttp.New(vhttp.Config{
		Store:     s,
		Catalogue: cat,
		Caseload:  eng,
		Operator:  cfg.actor(),
		Token:     token,
		Logger:    logger,
		Registry:  reg,
	})
	if err != nil {
		ln.Close()
		return err
	}
	fmt.Fprintf(m.Stdout, "serving %s on http://%s\n", cfg.db, ln.Addr())
	return srv.Serve(ctx, ln)
}

func readToken(path string) (string, error) {
	if path == "" {
		return "", nil
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return "", &exitError{code: exitUsage, msg: "serve: token file: " + err.Error()}
	}
	t := strings.TrimSpace(string(b))
	if len(t) < 16 {
		return "", &exitError{code: exitUsage, msg: "serve: token file " + path + " holds fewer than 16 characters"}
	}
	return t, nil
}

// isLoopback reports whether addr listens on this machine only.
func isLoopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
