package main

import (
	"context"
	"fmt"
	"os"
	"text/tabwriter"
	"time"

	"github.com/vigil-oss/vigil"
	"github.com/vigil-oss/vigil/catalogue"
	"github.com/vigil-oss/vigil/sqlite"
)

func catalogueCommand() command {
	var asJSON bool
	return command{
		name:    "catalogue",
		summary: "show the risk catalogue in force, or check a catalogue file",
		usage:   "show [--json] | check FILE",
		flags: func(fs *flagSet) {
			fs.BoolVar(&asJSON, "json", false, "print the catalogue as JSON (show)")
		},
		run: func(ctx context.Context, m *Main, cfg *config, args []string) error {
			if len(args) == 0 {
				return usagef("usage: vigil catalogue show [--json] | check FILE")
			}
			// Like every command but allocate, dedupe and match-names, it
			// needs a store: the catalogue in force is the store's.
			s, err := sqlite.Open(vigil.WithActor(ctx, cfg.actor()), cfg.db, sqlite.Options{ReadOnly: true, KeyFile: cfg.keyFile})
			if err != nil {
				return err
			}
			defer s.Close()
			switch {
			case args[0] == "show" && len(args) == 1:
				return showCatalogue(m, catalogue.Default(), asJSON)
			case args[0] == "check" && len(args) == 2:
				return checkCatalogue(m, args[1])
			}
			return usagef("usage: vigil catalogue show [--json] | check FILE")
		},
	}
}

// showCatalogue prints the catalogue: its label, thresholds and indicators.
// Until catalogues can be loaded into a store, the embedded default is in
// force everywhere.
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
