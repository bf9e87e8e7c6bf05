#pragma once
// Phrases answered from the word pairs' terms (common/bigrams.hpp) instead of positions.
#include <xapian.h>

#include <optional>

namespace newsearch {

/// The query with every phrase of default-field stems (what the parser makes of "a b")
/// rewritten to match the same articles with the same weights for less work: a two-word
/// phrase becomes its words ANDed and filtered by the pair's term (no position is read; an
/// article has the term exactly where the phrase matches). Longer phrases keep their
/// positions: filtering them by their pairs' terms cost more than it saved (the three-word
/// boost of "interest rates cut": 19% more matcher instructions, half the position checks).
/// Pairs with a function word have no term and stay positional. For databases whose every
/// shard has the pairs (kMetaBigrams) only. Phrases come from Xapian's parser, which makes
/// them exact (window = their length); NEAR and field phrases are left as they are.
Xapian::Query with_bigrams(const Xapian::Query& query);

/// The articles that can match `phrase` (a phrase of words as the parser makes it): those
/// with every word pair of it that has a term, ANDed; an empty query where no pair has one
/// (a function word, a field's word). A filter for the phrase boost: an article without
/// one of the pairs cannot hold the phrase, and its positions need not be read.
Xapian::Query phrase_pairs(const Xapian::Query& phrase);

/// The number of articles `query` matches, where it is a two-word phrase with_bigrams made
/// (the pair's term frequency: exact); nullopt for any other query.
std::optional<Xapian::doccount> pair_phrase_matches(const Xapian::Query& query, const Xapian::Database& db);

}  // namespace newsearch
