// Package resolve matches identity fragments to one another: normalising and comparing
// names, comparing the other identifying fields, and deduplicating a whole register with
// a Fellegi–Sunter model fitted without labels (Dedupe; see model.go and dedupe.go, and
// docs/DECISIONS.md for how its parameters are learnt).
//
// # Normalisation
//
// Normalise reads "Family, Given" as "Given Family", lower-cases, removes
// Latin diacritics (a hand-written table covering what Unicode NFKD and mark
// stripping would do for Latin-1, Latin Extended-A/B and Vietnamese),
// transliterates Cyrillic, Greek and Arabic script to Latin with small tables
// in fold.go (Arabic by consonants, its long-vowel letters read as vowels
// inside a word and consonants at its start; short vowels are not invented),
// and passes other scripts through. Titles and honorifics are dropped;
// particles (al-, bin, ibn, abu, van, von, de, da ...) and single-letter
// initials are kept and marked.
//
// # Comparison
//
// Names(a, b) aligns the two names' tokens, in any order, choosing the
// one-to-one alignment with the greatest weighted similarity (exact for up to
// eight tokens a side). Two tokens are compared by the first rule that
// applies, then the best of the rest:
//
//   - exact: the same normalised token, 1;
//   - initial: an initial and a token it begins, 0.85 (a different initial, 0);
//   - nickname: names listed together in nicknames.go (Bill and William,
//     Sasha and Aleksandr), 0.95;
//   - spelling: Jaro–Winkler of the tokens as normalised;
//   - variant: 0.98 × Jaro–Winkler of their skeletons, spellings with the
//     differences between transliteration conventions unified (w/v, x/ks,
//     ph/f, c/k/s, z/s, y/i, ou/u, th/t, sh/ch/sch, doubled letters);
//   - phonetic: when both tokens have the same phonetic Key of two or more
//     letters, 0.7 + 0.3 × the skeletons' Jaro–Winkler. Key is this package's
//     own consonant outline (after NYSIIS and Metaphone, neither exactly):
//     the skeleton's first letter, then its consonants with b/p, f/v and g/j
//     merged, so that a name keeps its key through a script that does not
//     write short vowels.
//
// Pairs below 0.7 are left unaligned. The score is the weighted mean
// similarity of the aligned pairs, where a token weighs 1, an initial 0.8
// and a particle 0.3 (a pair weighs the mean of its two), and each unaligned
// token adds half its weight to the denominator: a missing middle name costs
// less than a disagreeing one. When the two names have different numbers of
// words, their words run together are compared as well (Abdul Rahman,
// Abdulrahman) and a near-identity (≥ 0.95) counts at 0.95 of its value.
// The score is in [0,1], symmetric, and 1 for a name against itself; it is a
// similarity, not a probability, and names alone never link subjects in
// Vigil. Score carries the aligned pairs with the rule that matched each and
// the unaligned tokens, as the explanation.
//
// JaroWinkler is the plain Jaro–Winkler similarity, exported as the baseline
// the comparator is measured against (eval_test.go).
package resolve
