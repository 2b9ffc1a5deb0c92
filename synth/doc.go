// Package synth generates a fictional caseload as NDJSON intake lines, for
// benchmarks, tests and the demo.
//
// The caseload follows the shape the brief describes: a few thousand
// priority subjects grouped into investigations, many more monitored ones,
// a few closed; sources graded in the 3x5x2, Admiralty and 5x5x5 schemes,
// some partners relaying one originator (circular reporting) and a few
// hotline callers who report only falsehoods about one person (graded E).
// Most items carry none, one or two low-level indicators. A small number of
// escalating subjects receive reporting that moves, over their last weeks,
// from expressed support for violence through leakage and research to the
// pathway's planning, preparation and implementation steps. Some items
// name people only by identity fragments, spelt the way reporting spells
// them; some are derived from earlier items; a small share are later
// amended or retracted.
//
// Nothing in it is real. Names are random pairings of common given and
// family names from many origins; phone numbers come from the ranges Ofcom
// reserves for drama; emails are at example.com, .org and .net; document
// numbers start "FICT-"; towns, streets and postcodes (which begin with Q,
// a letter no UK postcode area uses) are invented. Summaries describe
// behaviour only, never belief or background.
//
// A subject's name origin is drawn from a random stream of its own, apart
// from the scenario stream that decides status and escalation, so no origin
// can be more or less likely to be cast as a threat; a test holds the
// generator to that.
//
// Output is deterministic: the same Config gives the same bytes. Items are
// generated in received order while they are written, so a run of millions
// of items needs memory only for the subjects.
package synth
