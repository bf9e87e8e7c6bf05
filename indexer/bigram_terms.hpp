#pragma once
// Adds an article's word pairs (common/bigrams.hpp) to its document.
#include <xapian.h>

namespace newsearch {

/// Adds, as filter terms (no weight, no positions), the pair term of every two stemmed words
/// of the default field (title and body: "Z" and a lower-case stem) that stand at positions
/// p and p + 1. Made from the positions the document holds, so a pair's term is there exactly
/// where the two-word phrase matches. Call after the title and body are indexed.
void add_bigram_terms(Xapian::Document& doc);

}  // namespace newsearch
