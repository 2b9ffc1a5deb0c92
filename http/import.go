package http

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	nethttp "net/http"
	"strconv"

	"github.com/vigil-oss/vigil"
	"github.com/vigil-oss/vigil/ndjson"
)

// importResponse is the answer to a successful import.
type importResponse struct {
	Batch     string             `json:"batch"`
	Added     map[vigil.Kind]int `json:"added"`
	Unchanged int                `json:"unchanged"`
	Rejected  []problem          `json:"rejected"`
	Size      uint64             `json:"size"`
}

// importHandler is POST /api/v1/import: an NDJSON body, imported as the
// operator. Without partial=true, any problem means nothing is written and
// the answer (422) lists every problem; with it, the good records are
// written and the answer lists the rejected lines.
func (s *Server) importHandler(w nethttp.ResponseWriter, r *nethttp.Request) {
	partial, err := parsePartial(r.URL.Query().Get("partial"))
	if err != nil {
		s.error(w, r, err)
		return
	}
	file := "http:request-body"
	if name := r.Header.Get("X-Vigil-File"); name != "" {
		file = "http:" + name
	}

	hash := sha256.New()
	body := io.TeeReader(nethttp.MaxBytesReader(w, r.Body, s.maxImport), hash)
	recs, probs, err := ndjson.Decode(body, s.cat)
	if err != nil {
		if tooLarge := new(nethttp.MaxBytesError); errors.As(err, &tooLarge) {
			// The rest of the body is not read; the connection cannot be
			// reused. (MaxBytesReader cannot tell the server so itself
			// through the logging wrapper.)
			w.Header().Set("Connection", "close")
			s.errorStatus(w, r, nethttp.StatusRequestEntityTooLarge, vigil.EInvalid,
				fmt.Sprintf("request body exceeds the import limit of %s (%d bytes); split the input or raise the server's import limit",
					size(tooLarge.Limit), tooLarge.Limit), nil)
			return
		}
		// The client went away or sent a broken body: nothing to import.
		s.error(w, r, &vigil.Error{Code: vigil.EInvalid, Op: "import", Message: "cannot read the request body", Err: err})
		return
	}
	ctx := s.acting(r)
	res, err := s.store.Import(ctx, recs, vigil.ImportOptions{
		Partial:  partial,
		File:     file,
		SHA256:   hex.EncodeToString(hash.Sum(nil)),
		Rejected: probs,
	})
	if err != nil {
		if fs := vigil.ErrorFields(err); len(fs) > 0 {
			s.metrics.importRejected.Add(float64(lines(fs)))
		}
		s.error(w, r, err)
		return
	}
	// Bring the engine up to date now, so the subjects the items name are re-scored
	// before anyone asks; a failure here is not the import's (the next query retries).
	if _, err := s.caseload.Follow(ctx); err != nil {
		s.log.Warn("caseload: cannot follow the log after an import", "err", err)
	}
	rejected := res.Rejected
	for k, n := range res.Added {
		s.metrics.importRecords.WithLabelValues(string(k)).Add(float64(n))
	}
	s.metrics.importRejected.Add(float64(lines(rejected)))
	added := res.Added
	if added == nil {
		added = map[vigil.Kind]int{}
	}
	s.json(w, r, nethttp.StatusOK, importResponse{
		Batch:     res.Batch,
		Added:     added,
		Unchanged: res.Unchanged,
		Rejected:  problems(rejected),
		Size:      res.Size,
	})
}

func parsePartial(v string) (bool, error) {
	if v == "" {
		return false, nil
	}
	b, err := strconv.ParseBool(v)
	if err != nil {
		return false, &vigil.Error{Code: vigil.EInvalid, Op: "import", Message: "bad query parameter",
			Fields: []vigil.FieldError{{Field: "partial", Reason: fmt.Sprintf("%q is not true or false", v)}}}
	}
	return b, nil
}

// lines counts the distinct lines among problems: a record with three bad
// fields is one rejected record.
func lines(ps []vigil.FieldError) int {
	seen := map[int]bool{}
	for _, p := range ps {
		seen[p.Line] = true
	}
	return len(seen)
}

// size renders a byte count as the operator likely wrote it.
func size(n int64) string {
	switch {
	case n >= 1<<30 && n%(1<<30) == 0:
		return fmt.Sprintf("%d GiB", n>>30)
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}
