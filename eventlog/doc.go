// Package eventlog defines Vigil's tamper-evident event log: the canonical
// bytes of an event envelope, the RFC 6962 Merkle tree over envelopes, its
// inclusion and consistency proofs, and signed checkpoints (C2SP
// tlog-checkpoint in C2SP signed-note form, Ed25519).
//
// Every change in Vigil is an Event at a position Seq in one append-only log.
// The tree commits to each event's envelope, and the envelope commits to the
// SHA-256 of the event's payload rather than to the payload itself, so that a
// person-level erasure can delete payloads while every leaf, root and
// signature still verifies (see Erasure).
//
// The format is specified in FORMAT.md, from which anyone can verify a store
// without this code; testdata/vectors.json holds worked examples.
//
// The package is pure functions and small types: it does no I/O, holds no
// package-level state and never reads the clock. The store decides what to
// append and when; this package decides what the bytes are.
package eventlog
