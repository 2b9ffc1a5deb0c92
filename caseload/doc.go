// Package caseload keeps what the risk model needs of every subject in memory, follows
// the store's log to stay current, and answers the board, explain and alerts queries.
//
// It is the one adapter between stored records and package risk: it turns each stored
// item, as amended and graded at the moment asked about, into a risk.Item, which has no
// personal attribute. Identity never enters it; the stores hand it records without
// identity objects.
//
// Three times decide what an answer sees (see the brief's "Three times"):
//   - at: items received by then, with grades, statuses, tiers and memberships as amended
//     with effect by then, under the catalogue version effective then;
//   - known: a log size; records and changes written at or after it are ignored, which is
//     how --known-at shows what an analyst could have seen on screen at a past moment;
//   - every record's base values hold from the beginning of time, because intake often
//     backfills history: a subject recorded today may have items received last year.
//
// Scores are global: evidence the asker may not see still counts, and appears in an
// explanation as one withheld row carrying its sum, so the explanation still adds up.
package caseload
