package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"github.com/vigil-oss/vigil"
	"github.com/vigil-oss/vigil/caseload"
	"github.com/vigil-oss/vigil/catalogue"
	"github.com/vigil-oss/vigil/ndjson"
)

// maxShown is how many problems go to stderr; the reject file has them all.
const maxShown = 100

func importCommand() command {
	var partial, asJSON bool
	var reject string
	return command{
		name:    "import",
		summary: "import NDJSON records from FILE or - (stdin)",
		usage:   "FILE|- [--partial [--reject FILE]] [--json]",
		flags: func(fs *flagSet) {
			fs.BoolVar(&partial, "partial", false, "write the good records; put bad lines with reasons in the reject file")
			fs.StringVar(&reject, "reject", "", "reject `FILE` for --partial (default FILE.rejected.ndjson)")
			fs.BoolVar(&asJSON, "json", false, "print the result as JSON")
		},
		run: func(ctx context.Context, m *Main, cfg *config, args []string) error {
			if len(args) != 1 {
				return usagef("import takes one FILE or -, got %d arguments", len(args))
			}
			in := importRun{m: m, cfg: cfg, file: args[0], partial: partial, reject: reject, json: asJSON}
			return in.run(ctx)
		},
	}
}

type importRun struct {
	m       *Main
	cfg     *config
	file    string
	partial bool
	reject  string
	json    bool
	data    []byte
	wrote   bool // the import committed
}

func (in *importRun) run(ctx context.Context) (err error) {
	input, size, err := in.open()
	if err != nil {
		return &exitError{code: exitUsage, msg: "import: cannot read input: " + err.Error()}
	}
	defer input.Close()
	digest := sha256.New()
	var r io.Reader = io.TeeReader(input, digest)
	if in.partial {
		// The reject file quotes bad lines, so a partial import keeps its
		// input; a plain one streams it.
		if in.data, err = io.ReadAll(r); err != nil {
			return &exitError{code: exitUsage, msg: "import: cannot read input: " + err.Error()}
		}
		r = bytes.NewReader(in.data)
	}
	ctx = in.m.context(ctx, in.cfg)
	_, statErr := os.Stat(in.cfg.db)
	s, err := in.m.open(ctx, in.cfg, true)
	if err != nil {
		return err
	}
	defer s.Close()
	if os.IsNotExist(statErr) {
		// A rejected import into a store it created leaves no store behind.
		defer func() {
			if !in.wrote {
				s.Close()
				s.Remove()
			}
		}()
	}
	bar := in.progress(size)
	if bar != nil {
		r = io.TeeReader(r, bar)
	}
	// Indicator codes are checked against the catalogue in force now.
	cat, err := caseload.CatalogueAt(ctx, s, catalogue.Default(), in.m.Now())
	if err != nil {
		return err
	}
	// The store writes on a thread of its own: decoding leaves it a core.
	workers := max(1, runtime.GOMAXPROCS(0)-1)
	src := func(fn func([]vigil.Record, []vigil.FieldError) error) error {
		return ndjson.Stream(r, cat, workers, fn)
	}
	res, err := s.ImportStream(ctx, src, vigil.ImportOptions{Partial: in.partial, File: in.file, Digest: digest})
	in.wrote = err == nil
	if bar != nil {
		bar.Finish()
	}
	if vigil.ErrorCode(err) == vigil.EInvalid {
		return in.rejected(vigil.ErrorFields(err))
	}
	if err != nil {
		return err
	}
	all := res.Rejected
	if err := in.summary(res, len(lines(all)), s.Path()); err != nil {
		return err
	}
	if len(all) == 0 {
		return nil
	}
	path, err := in.writeRejects(all)
	if err != nil {
		return err
	}
	in.show(all)
	return &exitError{code: exitRejected, msg: fmt.Sprintf("import: %d lines rejected; written to %s", len(lines(all)), path)}
}

// rejected reports an import that wrote nothing.
func (in *importRun) rejected(all []vigil.FieldError) error {
	in.show(all)
	return &exitError{code: exitRejected, msg: fmt.Sprintf("import: %d lines rejected; nothing written", len(lines(all)))}
}

func (in *importRun) show(all []vigil.FieldError) {
	for i, p := range all {
		if i == maxShown {
			fmt.Fprintf(in.m.Stderr, "... and %d more problems\n", len(all)-maxShown)
			break
		}
		fmt.Fprintln(in.m.Stderr, p.String())
	}
}

func (in *importRun) summary(res vigil.ImportResult, rejected int, path string) error {
	if in.json {
		out := struct {
			Batch     string             `json:"batch"`
			Added     map[vigil.Kind]int `json:"added"`
			Unchanged int                `json:"unchanged"`
			Rejected  int                `json:"rejected"`
			Size      uint64             `json:"size"`
		}{res.Batch, res.Added, res.Unchanged, rejected, res.Size}
		return json.NewEncoder(in.m.Stdout).Encode(out)
	}
	var parts []string
	for _, k := range vigil.RecordKinds() {
		if n := res.Added[k]; n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, k))
		}
	}
	added := "nothing new"
	if len(parts) > 0 {
		added = strings.Join(parts, ", ")
	}
	fmt.Fprintf(in.m.Stdout, "imported %d records (%s), %d unchanged, %d rejected into %s; log size %d\n",
		res.Total(), added, res.Unchanged, rejected, path, res.Size)
	return nil
}

// open opens the input and returns its size when known (-1 otherwise).
func (in *importRun) open() (io.ReadCloser, int64, error) {
	if in.file == "-" {
		return io.NopCloser(in.m.Stdin), -1, nil
	}
	f, err := os.Open(in.file)
	if err != nil {
		return nil, 0, err
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, 0, err
	}
	return f, fi.Size(), nil
}

// progress shows a bar, over the input's bytes, only when a person is
// watching stderr and the input is big enough to wait for.
func (in *importRun) progress(size int64) *progressbar.ProgressBar {
	f, ok := in.m.Stderr.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) || size < 4<<20 {
		return nil
	}
	return progressbar.NewOptions64(size, progressbar.OptionSetWriter(f), progressbar.OptionSetDescription("importing"),
		progressbar.OptionShowBytes(true), progressbar.OptionThrottle(100*time.Millisecond), progressbar.OptionClearOnFinish())
}

// writeRejects writes each rejected line with its reasons as NDJSON.
func (in *importRun) writeRejects(all []vigil.FieldError) (string, error) {
	path := in.reject
	if path == "" {
		base := in.file
		if base == "-" {
			base = "stdin"
		}
		path = base + ".rejected.ndjson"
	}
	raw := bytes.Split(in.data, []byte("\n"))
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	for _, n := range lines(all) {
		type problem struct {
			Field  string `json:"field,omitempty"`
			Reason string `json:"reason"`
		}
		rec := struct {
			Line     int       `json:"line"`
			Problems []problem `json:"problems"`
			Input    string    `json:"input"`
		}{Line: n}
		for _, p := range all {
			if p.Line == n {
				rec.Problems = append(rec.Problems, problem{p.Field, p.Reason})
			}
		}
		if n >= 1 && n <= len(raw) {
			line := bytes.TrimSuffix(raw[n-1], []byte("\r"))
			if len(line) > 4096 {
				line = append(line[:4096:4096], "…"...)
			}
			rec.Input = string(line)
		}
		if err := enc.Encode(rec); err != nil {
			return "", err
		}
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
		return "", &exitError{code: exitUsage, msg: "import: records written, but cannot write the reject file: " + err.Error()}
	}
	return path, nil
}

// lines returns the distinct line numbers of problems, in order.
func lines(all []vigil.FieldError) []int {
	var out []int
	for _, p := range all {
		if len(out) == 0 || out[len(out)-1] != p.Line {
			out = append(out, p.Line)
		}
	}
	return out
}
