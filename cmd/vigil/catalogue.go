package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/vigil-oss/vigil"
	"github.com/vigil-oss/vigil/caseload"
	"github.com/vigil-oss/vigil/catalogue"
	"github.com/vigil-oss/vigil/sqlite"
)

func catalogueCommand() command {
	var asJSON bool
	var at, rationale string
	const usage = "usage: vigil catalogue show [--at T] [--json] | check FILE | load FILE --rationale TEXT"
	return command{
		name:    "catalogue",
		summary: "show the risk catalogue in force, check a catalogue file, or load one as a new version",
		usage:   "show [--at T] [--json] | check FILE | load FILE --rationale TEXT",
		flags: func(fs *flagSet) {
			fs.BoolVar(&asJSON, "json", false, "print the catalogue as JSON (show)")
			fs.StringVar(&at, "at", "", "show the version in force at `TIME` (default now)")
			fs.StringVar(&rationale, "rationale", "", "why this version is loaded (load; required: loading is a decision)")
		},
		run: func(ctx context.Context, m *Main, cfg *config, args []string) error {
			if len(args) == 0 {
				return usagef(usage)
			}
			switch {
			case args[0] == "check" && len(args) == 2:
				return checkCatalogue(m, args[1])
			case args[0] == "show" && len(args) == 1:
				when, err := parseTime("at", at)
				if err != nil {
					return err
				}
				if when.IsZero() {
					when = m.Now()
				}
				// Like every command but allocate, dedupe and match-names, it
				// needs a store: the catalogue in force is the store's.
				ctx = vigil.WithActor(ctx, cfg.actor())
				s, err := sqlite.Open(ctx, cfg.db, sqlite.Options{ReadOnly: true, KeyFile: cfg.keyFile})
				if err != nil {
					return err
				}
				defer s.Close()
				c, err := caseload.CatalogueAt(ctx, s, catalogue.Default(), when)
				if err != nil {
					return err
				}
				return showCatalogue(m, c, asJSON)
			case args[0] == "load" && len(args) == 2:
				return loadCatalogue(ctx, m, cfg, args[1], rationale)
			}
			return usagef(usage)
		},
	}
}

// loadCatalogue records a catalogue file as a new version: a decision, with the actor's
// rationale, in force from the file's effective_from.
func loadCatalogue(ctx context.Context, m *Main, cfg *config, path, rationale string) error {
	if strings.TrimSpace(rationale) == "" {
		return usagef("catalogue load: --rationale is required: loading a catalogue is a decision and states its reason")
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return &exitError{code: exitUsage, msg: "catalogue load: " + err.Error()}
	}
	c, err := catalogue.Parse(b)
	if err != nil {
		return &exitError{code: exitRejected, msg: "catalogue load: " + path + ": " + err.Error()}
	}
	if c.Version == catalogue.Default().Version {
		return &exitError{code: exitRejected, msg: fmt.Sprintf("catalogue load: %s: version %s is the embedded default's; give the new numbers a new version", path, c.Version)}
	}
	d, err := caseload.CatalogueDecision(c, rationale)
	if err != nil {
		return err
	}
	ctx = m.context(ctx, cfg)
	s, err := m.open(ctx, cfg, false)
	if err != nil {
		return err
	}
	defer s.Close()
	loaded, err := s.Decisions(ctx, vigil.DecisionCatalogue)
	if err != nil {
		return err
	}
	if i := slices.IndexFunc(loaded, func(x vigil.Decision) bool { return x.ID == d.ID }); i >= 0 {
		// A version is loaded once: the same numbers again are a no-op whatever the
		// rationale; other numbers need a version of their own.
		prev, err := catalogue.Parse(loaded[i].Body)
		if err != nil {
			return err
		}
		pb, _ := prev.Marshal() // a parsed catalogue always marshals
		cb, _ := c.Marshal()
		if !bytes.Equal(pb, cb) {
			return &exitError{code: exitRejected, msg: fmt.Sprintf("catalogue load: %s: version %s is already loaded (event %d, by %s) with other numbers; give the new numbers a new version",
				path, c.Version, loaded[i].Seq, loaded[i].Actor)}
		}
		fmt.Fprintf(m.Stdout, "unchanged: catalogue v%s was already loaded (event %d, by %s)\n", c.Version, loaded[i].Seq, loaded[i].Actor)
		return nil
	}
	got, err := s.Decide(ctx, d)
	if err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "loaded catalogue v%s (%s), in force from %s: event %d\n",
		c.Version, c.Status, c.EffectiveFrom.UTC().Format(time.RFC3339), got.Seq)
	if c.EffectiveFrom.Before(got.RecordedAt) {
		fmt.Fprintf(m.Stdout, "note: it takes effect retroactively; --known-at before %s still shows the version then in force\n",
			got.RecordedAt.UTC().Format(time.RFC3339))
	}
	return nil
}

// showCatalogue prints the catalogue: its label, thresholds and indicators.
func showCatalogue(m *Main, c *catalogue.Catalogue, asJSON bool) error {
	if asJSON {
		b, err := c.Marshal()
		if err != nil {
			return err
		}
		_, err = m.Stdout.Write(b)
		return err
	}
	fmt.Fprintf(m.Stdout, "catalogue v%s, %s, effective from %s\n", c.Version, c.Status, c.EffectiveFrom.UTC().Format(time.RFC3339))
	fmt.Fprintf(m.Stdout, "probabilities are labelled: %s\n\n", c.Label())
	fmt.Fprintf(m.Stdout, "priors: priority %.3g, monitored %.3g, closed %.3g\n", c.Priors["priority"], c.Priors["monitored"], c.Priors["closed"])
	fmt.Fprintf(m.Stdout, "alert: log-odds rise > %.3g within %d days\n\n", c.Thresholds.Alert.LogOddsRise, c.Thresholds.Alert.WindowDays)
	tw := tabwriter.NewWriter(m.Stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "CODE\tLR\tHALF-LIFE\tMEANING")
	for _, ind := range c.Indicators {
		fmt.Fprintf(tw, "%s\t%g\t%g w\t%s\n", ind.Code, ind.LR, ind.HalfLifeWeeks, ind.Meaning)
	}
	return tw.Flush()
}

// checkCatalogue validates a catalogue file without loading it.
func checkCatalogue(m *Main, path string) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return &exitError{code: exitUsage, msg: "catalogue check: " + err.Error()}
	}
	c, err := catalogue.Parse(b)
	if err != nil {
		return &exitError{code: exitRejected, msg: "catalogue check: " + path + ": " + err.Error()}
	}
	fmt.Fprintf(m.Stdout, "ok: %s is catalogue v%s, %s, effective from %s, %d indicators\n",
		path, c.Version, c.Status, c.EffectiveFrom.UTC().Format(time.RFC3339), len(c.Indicators))
	return nil
}
