package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"

	"github.com/vigil-oss/vigil"
	"github.com/vigil-oss/vigil/catalogue"
	"github.com/vigil-oss/vigil/ndjson"
	"github.com/vigil-oss/vigil/sqlite"
	"github.com/vigil-oss/vigil/synth"
)

func demoCommand() command {
	var seed int64
	return command{
		name:    "demo",
		summary: "create a fresh store with a fictional caseload and show what was stored",
		usage:   "[--seed N] [--db PATH]",
		flags: func(fs *flagSet) {
			fs.Int64Var(&seed, "seed", 1, "seed of the fictional caseload")
		},
		run: func(ctx context.Context, m *Main, cfg *config, args []string) error {
			if len(args) > 0 {
				return usagef("demo takes no arguments")
			}
			if !cfg.dbSet {
				cfg.db = "vigil-demo.db" // never overwrite the default store with fiction
			}
			if err := removeDemo(ctx, cfg); err != nil {
				return err
			}
			gen := synth.DefaultConfig()
			gen.Seed = seed
			var buf bytes.Buffer
			if _, err := synth.Write(&buf, gen); err != nil {
				return err
			}
			data := buf.Bytes()
			recs, probs, err := ndjson.Decode(bytes.NewReader(data), catalogue.Default())
			if err != nil {
				return err
			}
			if len(probs) > 0 {
				return fmt.Errorf("demo: the generated caseload has a bad line: %s", probs[0])
			}
			if cfg.purpose == "" {
				cfg.purpose = "demo: fictional caseload"
			}
			ctx = m.context(ctx, cfg)
			s, err := sqlite.Open(ctx, cfg.db, sqlite.Options{Create: true, Demo: true, KeyFile: cfg.keyFile, Now: m.Now})
			if err != nil {
				return err
			}
			defer s.Close()
			sum := sha256.Sum256(data)
			res, err := s.Import(ctx, recs, vigil.ImportOptions{File: fmt.Sprintf("synth:seed=%d", seed), SHA256: hex.EncodeToString(sum[:])})
			if err != nil {
				return err
			}
			counts, err := s.Counts(ctx)
			if err != nil {
				return err
			}
			fmt.Fprintf(m.Stdout, "FICTIONAL DATA: created %s with a synthetic caseload (seed %d)\n", s.Path(), seed)
			fmt.Fprintf(m.Stdout, "stored %s\n", describeCounts(counts))
			fmt.Fprintf(m.Stdout, "log: %d events, signed checkpoint written beside the store\n", res.Size)
			fmt.Fprintf(m.Stdout, "next: vigil audit verify --db %s\n", s.Path())
			return nil
		},
	}
}

// removeDemo clears an earlier demo store and its key and checkpoint, so
// the demo always starts fresh.
func removeDemo(ctx context.Context, cfg *config) error {
	if _, err := os.Stat(cfg.db); err == nil {
		s, err := sqlite.Open(vigil.WithActor(ctx, cfg.actor()), cfg.db, sqlite.Options{ReadOnly: true, KeyFile: cfg.keyFile})
		if err != nil {
			return &exitError{code: exitUsage, msg: "demo: refusing to replace " + cfg.db + ": " + err.Error()}
		}
		demo := s.Demo()
		s.Close()
		if !demo {
			return &exitError{code: exitUsage, msg: "demo: refusing to replace " + cfg.db + ": it is not a demo store"}
		}
	}
	key := cfg.keyFile
	if key == "" {
		key = cfg.db + ".key"
	}
	for _, p := range []string{cfg.db, cfg.db + "-wal", cfg.db + "-shm", key, cfg.db + ".checkpoint"} {
		if err := os.Remove(p); err != nil && !errors.Is(err, os.ErrNotExist) {
			return &exitError{code: exitUsage, msg: "demo: cannot remove the old demo store: " + err.Error()}
		}
	}
	return nil
}
