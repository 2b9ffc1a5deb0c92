package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"

	"github.com/vigil-oss/vigil"
	"github.com/vigil-oss/vigil/sqlite"
)

// actor is the person running the CLI. Until accounts exist, a local user
// with access to the store file holds every role.
func (cfg *config) actor() vigil.Actor {
	var comps []string
	for _, c := range strings.Split(cfg.compartments, ",") {
		if c = strings.TrimSpace(c); c != "" {
			comps = append(comps, c)
		}
	}
	return vigil.Actor{Name: cfg.as, Roles: vigil.Roles(), Compartments: comps}
}

// context carries the actor and the stated purpose; with no purpose the
// record says "not stated", and the person is told so.
func (m *Main) context(ctx context.Context, cfg *config) context.Context {
	if strings.TrimSpace(cfg.purpose) == "" {
		fmt.Fprintf(m.Stderr, "vigil: warning: no purpose stated (--purpose or VIGIL_PURPOSE); recorded as %q\n", vigil.PurposeNotStated)
	}
	return vigil.WithPurpose(vigil.WithActor(ctx, cfg.actor()), cfg.purpose)
}

// open opens the store; only import, demo and init pass create.
func (m *Main) open(ctx context.Context, cfg *config, create bool) (*sqlite.Store, error) {
	return sqlite.Open(ctx, cfg.db, sqlite.Options{
		Create:  create,
		KeyFile: cfg.keyFile,
		Now:     m.Now,
		Logger:  slog.New(slog.NewTextHandler(m.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn})),
	})
}

// exitError carries an exit status with a message already printed or to
// print.
type exitError struct {
	code int
	msg  string
}

func (e *exitError) Error() string { return e.msg }

// fail prints err and returns the exit status the contract gives it.
func (m *Main) fail(err error) int {
	if err == nil {
		return exitOK
	}
	if errors.Is(err, errHelp) {
		return exitOK
	}
	var ee *exitError
	if errors.As(err, &ee) {
		if ee.msg != "" {
			fmt.Fprintln(m.Stderr, "vigil: "+ee.msg)
		}
		return ee.code
	}
	fmt.Fprintln(m.Stderr, "vigil: "+err.Error())
	var ue *usageError
	if errors.As(err, &ue) {
		return exitUsage
	}
	switch vigil.ErrorCode(err) {
	case vigil.EInvalid, vigil.EIntegrity:
		return exitRejected
	}
	return exitUsage
}
