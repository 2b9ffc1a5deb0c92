package vigil

import (
	"context"
	"hash"
	"time"
)

// Store holds the log and its projection. Every method takes a context
// carrying the Actor and purpose; reads never return what lies outside the
// actor's compartments, and writes record who made them and why.
//
// Implementations: package sqlite (embedded, the default) and, later,
// package postgres. Package storetest is the conformance suite both pass.
type Store interface {
	// Import checks every record against the store and each other, then
	// writes them as events in one transaction. Without opt.Partial, any
	// problem means nothing is written and the error (EInvalid) lists them
	// all; with it, the good records are written and the problems returned
	// in the result.
	Import(ctx context.Context, recs []Record, opt ImportOptions) (ImportResult, error)

	// ImportStream is Import for input too large to hold: records arrive in
	// chunks, in input order, and are checked and written as they come, all
	// in one transaction that is rolled back if any record is bad. (With
	// Partial, rejections cascade to records that depend on them, so the
	// whole input is gathered first.)
	ImportStream(ctx context.Context, src Records, opt ImportOptions) (ImportResult, error)

	Source(ctx context.Context, id string) (Source, error)
	Subject(ctx context.Context, id string) (Subject, error)
	Investigation(ctx context.Context, id string) (Investigation, error)
	Item(ctx context.Context, id string) (Item, error)
	Link(ctx context.Context, id string) (Link, error)

	// Amendments and Retractions of one record, in log order.
	Amendments(ctx context.Context, t Target) ([]Amendment, error)
	Retractions(ctx context.Context, t Target) ([]Retraction, error)

	// Decide records a decision by the actor in ctx, with their purpose, as
	// one event, and returns it as stored. Re-recording an identical
	// decision (same id, same content) returns the stored one unchanged; the
	// same id with other content is EConflict.
	Decide(ctx context.Context, d Decision) (Decision, error)

	// Decisions returns every decision of one type, in log order.
	Decisions(ctx context.Context, t DecisionType) ([]Decision, error)

	// Consulted records that the actor in ctx read personal data, and why.
	Consulted(ctx context.Context, c Consultation) error

	// SizeAt returns how many events the log held at t: those recorded at
	// or before t. The log's recorded times never decrease, so the events
	// known at t are a prefix of the log (what --known-at keeps).
	SizeAt(ctx context.Context, t time.Time) (uint64, error)

	// Feed is for engines that keep the caseload in memory and apply
	// compartments themselves: it calls fn with every source, subject,
	// investigation, item, link, amendment, retraction and decision whose
	// event lies at seq ≥ from, grouped in that kind order (in no promised
	// order within a kind), each with Seq set and Payload nil. Records carry what
	// the projection holds: an item has no handling, summary or mentions.
	// It reads one snapshot and returns the log's size in it, the from of
	// the next call. Unlike other reads, it ignores the actor's compartments.
	Feed(ctx context.Context, from uint64, fn func(*Record) error) (uint64, error)

	// Counts returns how many records of each kind the actor can see.
	Counts(ctx context.Context) (map[Kind]int, error)

	// Verify re-checks the whole record read-only; see VerifyReport.
	Verify(ctx context.Context, opt VerifyOptions) (VerifyReport, error)

	// Rebuild discards the projection and replays it from the log.
	Rebuild(ctx context.Context) error

	Close() error
}

// Records feeds an import: it calls fn with each chunk of records, in input
// order, and the problems found decoding that chunk, and returns fn's error
// or its own (an input that cannot be read).
type Records func(fn func(recs []Record, probs []FieldError) error) error

// ImportOptions says how to import and what to record about it.
type ImportOptions struct {
	Partial bool   // write the good records even if some are bad
	File    string // the input's name as the actor gave it ("-" for stdin)
	SHA256  string // hex SHA-256 of the input bytes, if known before
	// Digest, if set, hashes the input as it is read (a streamed input's
	// SHA-256 is known only at its end); its sum replaces SHA256.
	Digest hash.Hash
	// Rejected are problems found before the store, in decoding. They are
	// reported with the store's own (and, without Partial, mean nothing is
	// written) and counted in the import's record.
	Rejected []FieldError
	// Progress, if set, is called as records are written (with total 0
	// when a streamed input's size is not known).
	Progress func(done, total int)
}

// ImportResult says what an import did.
type ImportResult struct {
	Batch     string       // the import's id, recorded in every event it wrote
	Added     map[Kind]int // records written, by kind
	Unchanged int          // identical records already present: no-ops
	Rejected  []FieldError // with Partial: the problems, by line
	FirstSeq  uint64       // first event written
	Size      uint64       // log size after the import
	Recorded  time.Time    // the one "now" of the write transaction
}

// Total returns the number of records written.
func (r ImportResult) Total() int {
	n := 0
	for _, c := range r.Added {
		n += c
	}
	return n
}

// VerifyOptions points verification at the checkpoint kept outside the store.
type VerifyOptions struct {
	Checkpoint string // path of the outside checkpoint; "" for the default beside the store
}

// VerifyReport is the outcome of a verification. OK is false when the record
// is not intact, with Failure naming the first problem as "event N: …" or
// "table T id K: …".
type VerifyReport struct {
	OK         bool   `json:"ok"`
	Events     uint64 `json:"events"`
	Root       string `json:"root"`
	Checkpoint uint64 `json:"checkpoint_size"`
	Outside    uint64 `json:"outside_checkpoint_size"`
	Rows       int    `json:"rows"`
	Failure    string `json:"failure,omitempty"`
}
