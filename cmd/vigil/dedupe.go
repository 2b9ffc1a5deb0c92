package main

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"

	"github.com/vigil-oss/vigil"
	vcsv "github.com/vigil-oss/vigil/csv"
	"github.com/vigil-oss/vigil/identity"
	"github.com/vigil-oss/vigil/resolve"
)

// mapFlag is the repeatable --map field=column[,field=column…].
type mapFlag map[string]string

func (m mapFlag) String() string { return "" }

func (m mapFlag) Set(s string) error {
	for _, part := range strings.Split(s, ",") {
		field, col, ok := strings.Cut(part, "=")
		field, col = strings.TrimSpace(field), strings.TrimSpace(col)
		if !ok || field == "" || col == "" {
			return fmt.Errorf("%q: want field=column", part)
		}
		if !slices.Contains(identity.Fields(), field) {
			return fmt.Errorf("%q: %s is not an identity field (%s)", part, field, strings.Join(identity.Fields(), ", "))
		}
		m[field] = col
	}
	return nil
}

func dedupeCommand() command {
	var input, id, out, dateOrder, region, explain, link string
	maps := mapFlag{}
	const usage = "usage: vigil dedupe --input FILE.csv --id COLUMN --map field=column[,…] --out FILE.csv " +
		"[--date-order DMY|MDY|YMD] [--region GB] [--explain PAIRS.csv] [--link OTHER.csv]"
	return command{
		name:    "dedupe",
		summary: "cluster the records of a person register (or link two) that are one person",
		usage:   "--input FILE.csv --id COLUMN --map field=column[,…] --out FILE.csv [--date-order DMY|MDY|YMD] [--region GB] [--explain PAIRS.csv] [--link OTHER.csv]",
		flags: func(fs *flagSet) {
			fs.StringVar(&input, "input", "", "the register `FILE.csv`")
			fs.StringVar(&id, "id", "", "the `COLUMN` holding each record's id")
			fs.Var(maps, "map", "identity `field=column` pairs, comma-separated or repeated")
			fs.StringVar(&out, "out", "", "write record_id,cluster_id to `FILE.csv`")
			fs.StringVar(&dateOrder, "date-order", "", "how numeric dates with the year last are written: DMY or MDY (YMD: year first)")
			fs.StringVar(&region, "region", "GB", "the `REGION` national phone numbers belong to")
			fs.StringVar(&explain, "explain", "", "write each joined pair and its per-field weights to `PAIRS.csv`")
			fs.StringVar(&link, "link", "", "link the input with `OTHER.csv` (same columns) instead of deduplicating it")
		},
		// Opens no store: a register is matched on its own.
		run: func(ctx context.Context, m *Main, cfg *config, args []string) error {
			if len(args) != 0 || input == "" || id == "" || out == "" || len(maps) == 0 {
				return usagef(usage)
			}
			order := vcsv.DateOrder(strings.ToUpper(dateOrder))
			if order != "" && order != vcsv.DMY && order != vcsv.MDY && order != vcsv.YMD {
				return usagef("--date-order %q: want DMY, MDY or YMD", dateOrder)
			}
			opt := vcsv.Options{ID: id, Map: maps, DateOrder: order}
			files := []string{input}
			if link != "" {
				files = append(files, link)
			}
			var people []resolve.Person
			var ids, groups []string
			for g, f := range files {
				recs, err := readRegister(m, f, opt)
				if err != nil {
					return err
				}
				for _, r := range recs {
					raw := map[string]string{}
					for _, a := range r.Identity.Attributes() {
						if _, ok := raw[a.Field]; !ok { // the first of a list field
							raw[a.Field] = a.Value
						}
					}
					people = append(people, resolve.Person{ID: r.ID, Fields: resolve.Prepare(raw, region), Group: g})
					ids = append(ids, r.ID)
					groups = append(groups, []string{"left", "right"}[g])
				}
			}
			res := resolve.Dedupe(people, resolve.DedupeOptions{Link: link != ""})
			if link == "" {
				groups = nil
			}
			if err := writeFile(out, func(w io.Writer) error { return vcsv.WriteClusters(w, ids, res.Clusters, groups) }); err != nil {
				return err
			}
			if explain != "" {
				if err := writeFile(explain, func(w io.Writer) error { return writeExplain(w, people, res) }); err != nil {
					return err
				}
			}
			fmt.Fprintf(m.Stderr, "dedupe: %d records, %d candidate pairs compared, %d joined, %d clusters\n",
				len(people), res.Pairs, len(res.Links), countDistinct(res.Clusters))
			return nil
		},
	}
}

// readRegister reads one register, reporting the values it had to drop.
func readRegister(m *Main, path string, opt vcsv.Options) ([]vcsv.Record, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, &exitError{code: exitUsage, msg: "dedupe: " + err.Error()}
	}
	defer f.Close()
	recs, err := vcsv.Read(f, opt)
	if probs := vigil.ErrorFields(err); len(probs) > 0 {
		for _, p := range probs[:min(len(probs), 100)] {
			fmt.Fprintf(m.Stderr, "dedupe: %s: %s\n", path, p)
		}
		return nil, &exitError{code: exitRejected, msg: fmt.Sprintf("dedupe: %s: %d problems; nothing written", path, len(probs))}
	}
	if err != nil {
		return nil, &exitError{code: exitRejected, msg: "dedupe: " + path + ": " + err.Error()}
	}
	for _, r := range recs {
		for _, p := range r.Problems {
			fmt.Fprintf(m.Stderr, "dedupe: %s: %s (value left out)\n", path, p)
		}
	}
	return recs, nil
}

// writeFile writes a whole output file, or none.
func writeFile(path string, fn func(io.Writer) error) error {
	f, err := os.Create(path)
	if err != nil {
		return &exitError{code: exitUsage, msg: "dedupe: " + err.Error()}
	}
	if err := fn(f); err != nil {
		f.Close()
		os.Remove(path)
		return &exitError{code: exitUsage, msg: "dedupe: " + path + ": " + err.Error()}
	}
	if err := f.Close(); err != nil {
		return &exitError{code: exitUsage, msg: "dedupe: " + err.Error()}
	}
	return nil
}

// writeExplain writes each joined pair: the two ids, the match probability, and per field
// the comparison's level and its weight in bits.
func writeExplain(w io.Writer, people []resolve.Person, res resolve.Result) error {
	cw := csv.NewWriter(w)
	head := []string{"record_id_1", "record_id_2", "probability"}
	for _, f := range res.Fields {
		head = append(head, f+"_level", f+"_weight")
	}
	if err := cw.Write(head); err != nil {
		return err
	}
	for _, l := range res.Links {
		row := []string{people[l.A].ID, people[l.B].ID, strconv.FormatFloat(l.Probability, 'f', 6, 64)}
		for k := range res.Fields {
			if l.Levels[k] == resolve.Missing {
				row = append(row, "missing", "0")
				continue
			}
			row = append(row, strconv.Itoa(l.Levels[k]), strconv.FormatFloat(l.Weights[k], 'f', 3, 64))
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

func countDistinct(xs []string) int {
	seen := make(map[string]bool, len(xs))
	for _, x := range xs {
		seen[x] = true
	}
	return len(seen)
}
