// Package vigil is the vocabulary of Vigil, a decision-support system for
// intelligence-led investigation teams.
//
// Intelligence arrives as graded Items from Sources about Subjects, who are
// grouped into Investigations and connected by Links. Every change — each
// imported record, amendment, retraction, and later every decision — is an
// event in one append-only, tamper-evident log (package eventlog); what the
// stores hold as current state is a projection of that log and can be rebuilt
// from it at any time.
//
// Each record carries three times: when the behaviour occurred (optional),
// when the agency received it, and when Vigil recorded it. Changes also carry
// the moment they take effect. Asking "as of T" uses the first two and the
// effective time; asking "known at T" also drops what Vigil recorded after T.
//
// A subject's identity (names, dates of birth, contact details) lives in
// package identity and is referred to here only by the subject's id: the risk
// code must never be able to see who someone is, only what was reported that
// they did.
//
// Every store call carries an Actor and a stated purpose in its context (see
// WithActor and WithPurpose), so that each change and each consultation of
// personal data is recorded with who and why.
package vigil
