package main

import (
	"context"
	"fmt"
	"os"
)

func initCommand() command {
	return command{
		name:    "init",
		summary: "create an empty store",
		run: func(ctx context.Context, m *Main, cfg *config, args []string) error {
			if len(args) > 0 {
				return usagef("init takes no arguments, got %q", args)
			}
			if _, err := os.Stat(cfg.db); err == nil {
				return &exitError{code: exitUsage, msg: "a store already exists at " + cfg.db}
			}
			ctx = m.context(ctx, cfg)
			s, err := m.open(ctx, cfg, true)
			if err != nil {
				return err
			}
			fmt.Fprintf(m.Stdout, "created %s\n", s.Path())
			return s.Close()
		},
	}
}

func versionCommand() command {
	return command{
		name:    "version",
		summary: "print the version",
		run: func(ctx context.Context, m *Main, cfg *config, args []string) error {
			fmt.Fprintln(m.Stdout, "vigil "+version())
			return nil
		},
	}
}
