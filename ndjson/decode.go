// Package ndjson is the NDJSON intake codec: one JSON object per line, each
// a source, subject, investigation, item, link, amend or retract record.
//
// Decoding checks each record on its own — syntax, types, required fields,
// grades, indicator codes, identity objects — and gives its canonical
// encoding: the bytes the log commits to, identical for records that differ
// only in time zones, list order or absent-versus-null. Whether references
// exist and ids are new is for the store to check, against itself and the
// rest of the input.
package ndjson

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"runtime"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/vigil-oss/vigil"
	"github.com/vigil-oss/vigil/catalogue"
)

// MaxLine is the longest line accepted. Real records are a few hundred
// bytes; a longer line is an error, not a reason to exhaust memory.
const MaxLine = 1 << 20

// Decode reads every line of r. It returns the records that decoded cleanly
// and the problems of the rest, both in line order; a non-nil error means r
// itself could not be read. Blank lines are skipped, a leading byte-order
// mark is ignored and lines may end in CRLF. cat checks indicator codes.
func Decode(r io.Reader, cat *catalogue.Catalogue) ([]vigil.Record, []vigil.FieldError, error) {
	var recs []vigil.Record
	var probs []vigil.FieldError
	err := Stream(r, cat, 0, func(rs []vigil.Record, ps []vigil.FieldError) error {
		recs = append(recs, rs...)
		probs = append(probs, ps...)
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	return recs, probs, nil
}

// Stream decodes r as Decode does, but hands the records and problems to fn
// a chunk at a time, in line order, while the lines after them are still
// being read and decoded: an import can write while it decodes, and holds
// only a few chunks in memory. An error from fn stops the stream and is
// returned.
//
// Lines are decoded on workers goroutines (GOMAXPROCS when workers ≤ 0);
// a caller that consumes records on a busy thread of its own, as an import
// does, leaves it a core. Every goroutine has finished when Stream returns.
func Stream(r io.Reader, cat *catalogue.Catalogue, workers int, fn func([]vigil.Record, []vigil.FieldError) error) error {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	jobs := make(chan *chunk, 2*workers)
	order := make(chan *chunk, 4*workers) // chunks in line order, decoded or not yet
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			var arena []field // reused from line to line
			for c := range jobs {
				c.decode(cat, &arena)
				close(c.done)
			}
		})
	}
	var readErr error
	wg.Go(func() {
		defer close(jobs)
		defer close(order)
		readErr = readChunks(r, func(c *chunk) bool {
			select {
			case order <- c:
			case <-stop:
				return false
			}
			jobs <- c // workers drain jobs until it is closed: never blocks for good
			return true
		})
	})
	var fnErr error
	for c := range order {
		<-c.done
		if fnErr == nil {
			if fnErr = fn(c.recs, c.probs); fnErr != nil {
				close(stop)
			}
		}
		c.recs, c.probs = nil, nil
	}
	wg.Wait()
	if fnErr != nil {
		return fnErr
	}
	return readErr
}

// readChunks splits r into chunks of lines and passes each to send, which
// reports whether to go on.
func readChunks(r io.Reader, send func(*chunk) bool) error {
	c := newChunk()
	br := bufio.NewReaderSize(r, 64<<10)
	for n := 1; ; n++ {
		line, tooLong, err := readLine(br, MaxLine)
		if n == 1 {
			line = bytes.TrimPrefix(line, []byte("\xef\xbb\xbf"))
		}
		if tooLong || len(bytes.TrimSpace(line)) > 0 {
			c.lines = append(c.lines, rawLine{n: n, text: line, tooLong: tooLong})
			c.size += len(line)
			if len(c.lines) == chunkLines || c.size >= chunkBytes {
				if !send(c) {
					return nil
				}
				c = newChunk()
			}
		}
		if err == io.EOF {
			send(c)
			return nil
		}
		if err != nil {
			send(c)
			return fmt.Errorf("read line %d: %w", n, err)
		}
	}
}

func newChunk() *chunk { return &chunk{done: make(chan struct{})} }

// Lines go to the decoding goroutines in chunks of this many lines or bytes,
// enough to make handing them over cheap, few enough to keep all busy.
const (
	chunkLines = 256
	chunkBytes = 1 << 20
)

type rawLine struct {
	n       int
	text    []byte
	tooLong bool
}

// chunk is consecutive lines of the input and, once decoded, their records
// and problems.
type chunk struct {
	done  chan struct{} // closed once decoded
	lines []rawLine
	size  int
	recs  []vigil.Record
	probs []vigil.FieldError
}

func (c *chunk) decode(cat *catalogue.Catalogue, arena *[]field) {
	c.recs = make([]vigil.Record, 0, len(c.lines))
	for _, l := range c.lines {
		if l.tooLong {
			c.probs = append(c.probs, vigil.FieldError{Line: l.n, Reason: fmt.Sprintf("line longer than %d bytes", MaxLine)})
			continue
		}
		rec, errs := decodeLine(l.n, l.text, cat, arena)
		if len(errs) > 0 {
			c.probs = append(c.probs, errs...)
		} else {
			c.recs = append(c.recs, rec)
		}
	}
	c.lines = nil // the text is no longer needed
}

// readLine returns the next line without its newline (LF or CRLF). A line
// longer than max is consumed and reported, not returned: at most max+2
// bytes of it are ever held.
func readLine(br *bufio.Reader, max int) (line []byte, tooLong bool, err error) {
	var buf []byte
	for {
		frag, err := br.ReadSlice('\n')
		if !tooLong {
			if len(buf)+len(frag) > max+2 {
				tooLong, buf = true, nil
			} else {
				buf = append(buf, frag...)
			}
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		buf = bytes.TrimSuffix(bytes.TrimSuffix(buf, []byte("\n")), []byte("\r"))
		if len(buf) > max {
			tooLong, buf = true, nil
		}
		return buf, tooLong, err
	}
}

// DecodeLine decodes one record. With cat nil, indicator codes are not
// checked against a catalogue (used when replaying the log, whose records
// were checked against the catalogue in force when they arrived).
func DecodeLine(n int, line []byte, cat *catalogue.Catalogue) (vigil.Record, []vigil.FieldError) {
	var arena []field
	return decodeLine(n, line, cat, &arena)
}

// decodeLine is DecodeLine reusing arena's storage for the fields of the
// line's objects; nothing it returns refers to that storage.
func decodeLine(n int, line []byte, cat *catalogue.Catalogue, arena *[]field) (vigil.Record, []vigil.FieldError) {
	*arena = (*arena)[:0]
	var errs []vigil.FieldError
	if !utf8.Valid(line) {
		return vigil.Record{}, []vigil.FieldError{{Line: n, Reason: "not valid UTF-8"}}
	}
	// json.Valid is a single pass with no allocation; the scanner that then
	// splits the record relies on it.
	if !json.Valid(line) {
		err := json.Unmarshal(line, new(json.RawMessage))
		return vigil.Record{}, []vigil.FieldError{{Line: n, Reason: "malformed JSON: " + strings.TrimPrefix(err.Error(), "json: ")}}
	}
	o, ok := newObject(n, "", line, &errs, arena)
	if !ok {
		return vigil.Record{}, errs
	}
	kinds := strs(vigil.RecordKinds())
	kind := vigil.Kind(o.oneOf("type", true, kinds))
	if kind == "" {
		return vigil.Record{}, errs
	}
	rec := vigil.Record{Line: n, Kind: kind}
	d := &decoder{o: o, rec: &rec, cat: cat}
	canon := d.decode(kind)
	o.finish()
	if len(errs) > 0 {
		sortProblems(errs)
		return vigil.Record{}, errs
	}
	payload, err := marshal(canon)
	if err != nil {
		return vigil.Record{}, []vigil.FieldError{{Line: n, Reason: "cannot encode record: " + err.Error()}}
	}
	rec.Payload, rec.Hash = payload, sha256.Sum256(payload)
	rec.ID = d.id(canon)
	return rec, nil
}

func (d *decoder) decode(kind vigil.Kind) any {
	switch kind {
	case vigil.KindSource:
		return d.source()
	case vigil.KindSubject:
		return d.subject()
	case vigil.KindInvestigation:
		return d.investigation()
	case vigil.KindItem:
		return d.item()
	case vigil.KindLink:
		return d.link()
	}
	return d.change(kind)
}

// typeOf is the type written into a canonical record: none inside an
// amendment's set.
func typeOf(d *decoder, kind vigil.Kind) string {
	if d.partial {
		return ""
	}
	return string(kind)
}

func (d *decoder) id(canon any) string {
	switch c := canon.(type) {
	case canonSource:
		return c.ID
	case canonSubject:
		return c.ID
	case canonInvestigation:
		return c.ID
	case canonItem:
		return c.ID
	case canonLink:
		return c.ID
	}
	return changeID(d.rec.Kind, d.rec.Hash)
}

func sortProblems(p []vigil.FieldError) {
	// Keep the order fields were read in but put record-level problems first.
	var first, rest []vigil.FieldError
	for _, e := range p {
		if e.Field == "" {
			first = append(first, e)
		} else {
			rest = append(rest, e)
		}
	}
	copy(p, append(first, rest...))
}
