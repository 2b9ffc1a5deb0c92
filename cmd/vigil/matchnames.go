package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/vigil-oss/vigil/resolve"
)

func matchNamesCommand() command {
	var input, out string
	const usage = "usage: vigil match-names --input PAIRS.csv --out SCORES.csv"
	return command{
		name:    "match-names",
		summary: "score pairs of names (columns name1, name2) for being one person's",
		usage:   "--input PAIRS.csv --out SCORES.csv",
		flags: func(fs *flagSet) {
			fs.StringVar(&input, "input", "", "read name pairs from `FILE` (CSV with name1 and name2 columns)")
			fs.StringVar(&out, "out", "", "write the input columns plus score to `FILE`")
		},
		// Opens no store: the comparator is judged alone.
		run: func(ctx context.Context, m *Main, cfg *config, args []string) error {
			if len(args) != 0 || input == "" || out == "" {
				return usagef(usage)
			}
			b, err := os.ReadFile(input)
			if err != nil {
				return &exitError{code: exitUsage, msg: "match-names: cannot read input: " + err.Error()}
			}
			scored, err := matchNames(b)
			if err != nil {
				return &exitError{code: exitRejected, msg: "match-names: " + input + ": " + err.Error() + "; nothing written"}
			}
			if err := os.WriteFile(out, scored, 0o644); err != nil {
				return &exitError{code: exitUsage, msg: "match-names: cannot write output: " + err.Error()}
			}
			return nil
		},
	}
}

// matchNames reads the whole input before writing anything, so a malformed
// file is rejected with its line and reason and leaves no partial output.
func matchNames(in []byte) ([]byte, error) {
	in = bytes.TrimPrefix(in, []byte("\ufeff"))
	r := csv.NewReader(bytes.NewReader(in))
	r.FieldsPerRecord = 0 // every row as wide as the header
	header, err := r.Read()
	if errors.Is(err, io.EOF) {
		return nil, errors.New("line 1: no header (want columns name1 and name2)")
	}
	if err != nil {
		return nil, csvError(err)
	}
	col := map[string]int{}
	for i, h := range header {
		h = strings.TrimSpace(h)
		if _, dup := col[h]; !dup {
			col[h] = i
		}
	}
	for _, want := range []string{"name1", "name2"} {
		if _, ok := col[want]; !ok {
			return nil, fmt.Errorf("line 1: missing column %s (header has %s)", want, strings.Join(header, ","))
		}
	}
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.Write(append(header[:len(header):len(header)], "score"))
	for {
		row, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, csvError(err)
		}
		s := resolve.Names(row[col["name1"]], row[col["name2"]]).Value
		w.Write(append(row, strconv.FormatFloat(s, 'f', 4, 64)))
	}
	w.Flush()
	return buf.Bytes(), w.Error()
}

// csvError puts encoding/csv's line first, as every input error in Vigil does.
func csvError(err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return fmt.Errorf("line %d: malformed CSV: %v", pe.StartLine, pe.Err)
	}
	return err
}
