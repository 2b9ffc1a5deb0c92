// Command pairf1 scores a dedupe against the truth, over pairs of records:
//
//	go run ./bench/pairf1 REGISTER.csv CLUSTERS.csv
//
// REGISTER.csv is bench/gen -register's output (record_id first, cluster last);
// CLUSTERS.csv is vigil dedupe's (record_id, cluster_id), in the same order.
package main

import (
	"encoding/csv"
	"fmt"
	"os"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: pairf1 REGISTER.csv CLUSTERS.csv")
		os.Exit(2)
	}
	truth, pred := column(os.Args[1], -1), column(os.Args[2], 1)
	if len(truth) != len(pred) {
		fmt.Fprintf(os.Stderr, "pairf1: %d rows against %d\n", len(truth), len(pred))
		os.Exit(1)
	}
	tp, np, nt := 0, 0, 0
	// Pairs are counted cluster by cluster: within each predicted cluster, how many
	// pairs share a true cluster.
	byPred := map[string]map[string]int{}
	sizes := map[string]int{}
	for i := range pred {
		if byPred[pred[i]] == nil {
			byPred[pred[i]] = map[string]int{}
		}
		byPred[pred[i]][truth[i]]++
		sizes[truth[i]]++
	}
	for _, in := range byPred {
		n := 0
		for _, c := range in {
			tp += c * (c - 1) / 2
			n += c
		}
		np += n * (n - 1) / 2
	}
	for _, c := range sizes {
		nt += c * (c - 1) / 2
	}
	p, r := float64(tp)/float64(max(np, 1)), float64(tp)/float64(max(nt, 1))
	fmt.Printf("pairs: %d predicted, %d true, %d both; precision %.4f, recall %.4f, F1 %.4f\n", np, nt, tp, p, r, 2*p*r/max(p+r, 1e-12))
}

// column reads one column of a CSV (negative: from the end), header skipped.
func column(path string, i int) []string {
	f, err := os.Open(path)
	if err != nil {
		fmt.Fprintln(os.Stderr, "pairf1:", err)
		os.Exit(2)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		fmt.Fprintln(os.Stderr, "pairf1:", err)
		os.Exit(2)
	}
	out := make([]string, 0, len(rows))
	for _, row := range rows[1:] {
		k := i
		if k < 0 {
			k = len(row) + i
		}
		out = append(out, row[k])
	}
	return out
}
