package main

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/vigil-oss/vigil"
	"github.com/vigil-oss/vigil/sqlite"
)

func auditCommand() command {
	var checkpoint string
	var asJSON bool
	return command{
		name:    "audit",
		summary: "verify the tamper-evident record (audit verify)",
		usage:   "verify [--checkpoint FILE] [--json]",
		flags: func(fs *flagSet) {
			fs.StringVar(&checkpoint, "checkpoint", "", "the checkpoint kept outside the store (default PATH.checkpoint)")
			fs.BoolVar(&asJSON, "json", false, "print the report as JSON")
		},
		run: func(ctx context.Context, m *Main, cfg *config, args []string) error {
			if len(args) != 1 || args[0] != "verify" {
				return usagef("usage: vigil audit verify [--checkpoint FILE]")
			}
			ctx = vigil.WithPurpose(vigil.WithActor(ctx, cfg.actor()), cfg.purpose)
			s, err := sqlite.Open(ctx, cfg.db, sqlite.Options{ReadOnly: true, KeyFile: cfg.keyFile})
			if err != nil {
				return err
			}
			defer s.Close()
			rep, err := s.Verify(ctx, vigil.VerifyOptions{Checkpoint: checkpoint})
			if err != nil {
				return err
			}
			if asJSON {
				if err := json.NewEncoder(m.Stdout).Encode(rep); err != nil {
					return err
				}
			} else if rep.OK {
				fmt.Fprintf(m.Stdout, "ok: %d events, root %s, signed checkpoint %d, outside checkpoint %d, %d projection rows match\n",
					rep.Events, rep.Root, rep.Checkpoint, rep.Outside, rep.Rows)
			}
			if !rep.OK {
				return &exitError{code: exitRejected, msg: "audit verify: FAILED: " + rep.Failure}
			}
			return nil
		},
	}
}

func rebuildCommand() command {
	return command{
		name:    "rebuild",
		summary: "rebuild current state from the log",
		run: func(ctx context.Context, m *Main, cfg *config, args []string) error {
			if len(args) > 0 {
				return usagef("rebuild takes no arguments")
			}
			ctx = m.context(ctx, cfg)
			s, err := m.open(ctx, cfg, false)
			if err != nil {
				return err
			}
			defer s.Close()
			if err := s.Rebuild(ctx); err != nil {
				return err
			}
			counts, err := s.Counts(ctx)
			if err != nil {
				return err
			}
			fmt.Fprintf(m.Stdout, "rebuilt %s from its log: %s\n", s.Path(), describeCounts(counts))
			return nil
		},
	}
}

func describeCounts(c map[vigil.Kind]int) string {
	return fmt.Sprintf("%d sources, %d subjects, %d investigations, %d items, %d links, %d amendments, %d retractions, %d imports",
		c[vigil.KindSource], c[vigil.KindSubject], c[vigil.KindInvestigation], c[vigil.KindItem], c[vigil.KindLink],
		c[vigil.KindAmend], c[vigil.KindRetract], c[vigil.KindImport])
}
