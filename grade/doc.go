// Package grade holds intelligence grading: how a source and a report are evaluated, how a
// report may be handled, and how a probability is put into words.
//
// Vigil grades with the UK 3x5x2 system: a source evaluation (1 reliable, 2 untested,
// 3 not reliable), an intelligence assessment of the information (A known directly to the
// source … E suspected to be false or malicious) and a handling code (P lawful sharing
// permitted, C permitted with conditions that travel with the item). Two other systems are
// accepted on intake: the NATO Admiralty code (source reliability A–F, information
// credibility 1–6, no handling code) and the older UK 5x5x5 (source A–E, intelligence 1–5,
// handling 1–5).
//
// Grades are stored as entered, in their own scheme, and never translated: a crosswalk
// would put words in the grader's mouth. Instead the risk model gives every native grade
// its own accuracy (Values, whose numbers live in the catalogue, not here), and the grades
// with no safe 3x5x2 equivalent are flagged for a person to re-grade (NeedsRegrade).
//
// Codes are case-sensitive and not trimmed: " a" is an error, not an A, so that what is
// stored is exactly what the grader meant.
//
// BandOf puts a probability into the words of the UK probability yardstick (PHIA).
package grade
