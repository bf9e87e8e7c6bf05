#pragma once
// Word pairs: a term for every two stemmed words that stand next to each other in an
// article's title or body ("XBinterest rate"), so that a two-word phrase is one posting list
// instead of the positions of two words read and compared article by article. The indexer
// makes them from the positions it has just given the words, so an article has the pair's
// term exactly when the two-word phrase matches it; the searcher uses them only where every
// database searched was built with them (kMetaBigrams).
#include <xapian.h>

#include <string>
#include <string_view>
#include <vector>

namespace newsearch {

/// The term of two adjacent stemmed words (as the index holds them, without the "Z"), or ""
/// where no such term is made: a function word on either side ("bank of", "the dollar": most
/// pairs of a text, and their phrases are rare), or a term past Xapian's length limit.
/// Indexer and searcher both decide with this function, so they always agree.
std::string bigram_term(std::string_view first, std::string_view second);

/// True for a term bigram_term made.
bool is_bigram_term(std::string_view term);

/// Whether every part (shard) of a database was built with word pairs (kMetaBigrams): a
/// database opened as one reads only its first part's metadata.
bool all_parts_have_pairs(const std::vector<Xapian::Database>& parts);

}  // namespace newsearch
