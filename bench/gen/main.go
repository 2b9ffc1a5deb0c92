// Command gen writes a seeded, fictional caseload as NDJSON for the
// benchmark harness: go run ./bench/gen -items 1000000 > items.ndjson
// With -register N it writes a person register as CSV instead, for dedupe.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"

	"github.com/vigil-oss/vigil/synth"
)

func main() {
	cfg := synth.DefaultConfig()
	flag.Int64Var(&cfg.Seed, "seed", 1, "seed")
	flag.IntVar(&cfg.Items, "items", 1_000_000, "items")
	flag.IntVar(&cfg.Subjects, "subjects", 0, "subjects (default items/40)")
	flag.IntVar(&cfg.Sources, "sources", 0, "sources (default items/500)")
	flag.IntVar(&cfg.Weeks, "weeks", 52, "weeks of history")
	register := flag.Int("register", 0, "write a person register of `N` rows as CSV instead (20% duplicates; cluster column is the truth)")
	flag.Parse()
	if *register > 0 {
		w := bufio.NewWriterSize(os.Stdout, 1<<20)
		people, err := synth.WriteRegister(w, synth.RegisterConfig{Seed: cfg.Seed, Records: *register})
		if err == nil {
			err = w.Flush()
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "gen:", err)
			os.Exit(1)
		}
		fmt.Fprintf(os.Stderr, "gen: register of %d rows, %d people\n", *register, people)
		return
	}
	if cfg.Subjects == 0 {
		cfg.Subjects = max(cfg.Items/40, 60)
	}
	if cfg.Sources == 0 {
		cfg.Sources = max(cfg.Items/500, 10)
	}
	cfg.Investigations = max(cfg.Subjects/50, 6)
	cfg.Links = cfg.Subjects / 5
	cfg.Escalating = cfg.Subjects/2000 + 3
	w := bufio.NewWriterSize(os.Stdout, 1<<20)
	st, err := synth.Write(w, cfg)
	if err == nil {
		err = w.Flush()
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
	fmt.Fprintf(os.Stderr, "gen: %d sources, %d subjects, %d investigations, %d items, %d links, %d amends, %d retracts\n",
		st.Sources, st.Subjects, st.Investigations, st.Items, st.Links, st.Amends, st.Retracts)
}
