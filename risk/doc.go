// Package risk fuses graded intelligence items into one subject's risk assessment: the
// odds that the subject is engaged in attack planning or preparation now, how confident
// that judgement is, how much harm is at stake, and exactly why.
//
// # The model
//
// Every number comes from the catalogue (see OptionsFrom); the arithmetic is the brief's.
// Each indicator on each item adds to the subject's log-odds
//
//	ln(p·LR + 1 − p) × 2^(−age/h)
//
// where LR and the half-life h are the indicator's, p is the item's accuracy
// (p_source × p_information, so an E-graded report has p = 0 and adds ln 1 = 0), and age
// runs from when the behaviour occurred (else when the report was received) to the moment
// assessed, clamped at zero. Only items received by then count at all; only a subject in
// the role "subject" receives contributions (associates, victims and people mentioned do
// not). For each (source, indicator) only the largest contribution counts, the rest are
// listed as repeats; sources relaying the same originator are one source, so circular
// reporting is not corroboration. Derived items and items retracted by then are listed with
// contribution 0. Items not yet graded (a hotline report awaiting an analyst) contribute
// nothing and are not listed: until graded they are not evidence.
//
// The log-odds are the prior log-odds for the subject's status plus the contributions,
// added in the order the explanation lists them, so that the explanation sums exactly to
// the result, bit for bit. Probability is the logistic of the log-odds, shown with the UK
// yardstick (grade.BandOf); harm counts the distinct capability and pathway indicators that
// contributed enough; score = probability × harm. Confidence, shown beside the probability,
// counts independent, reasonably accurate sources that contributed recently.
//
// # Velocity, alerts and flags
//
// Velocity is the change of log-odds over each catalogue window (1 and 4 weeks): a full
// assessment as of then, knowing only what had been received by then, against the one now.
// It moves with decay as well as with evidence. An escalation alert is narrower: it fires
// when the items received in the last WindowDays raise the log-odds by more than the
// catalogue's threshold, measured against the same moment without them, so protective
// evidence decaying or being withdrawn never alerts, and a source repeating itself adds
// only what its new report adds over its old one (see Escalation). A source, or the
// originator behind relaying sources, with EGradedReports or more E-graded reports about
// one subject is flagged as possibly harassing them (FlagSources). ExpectedFalse states how
// many alerts should be false if the probabilities were calibrated.
//
// # What can never reach it
//
// Identity and protected attributes are never risk inputs (principle 2 of the brief). The
// input type Item carries opaque subject and source ids, indicator codes, an accuracy and
// times — no name, birth date, nationality, religion or ethnicity — and this package cannot
// import the packages where such attributes live: a test walks its transitive imports and
// fails if identity, resolve, a store or http appears among them. The one adapter that
// turns stored items into Items is the only code that sees both sides.
//
// Assess is pure and synchronous: no I/O, no clock (the moment assessed is an argument),
// no package-level state. Callers choose concurrency.
package risk
