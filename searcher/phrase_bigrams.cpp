#include "searcher/phrase_bigrams.hpp"

#include <string>
#include <vector>

#include "common/bigrams.hpp"
#include "common/schema.hpp"
#include "searcher/query_rewrite.hpp"

namespace newsearch {

namespace {

// The stem of a default-field term ("Zrate" -> "rate"), or "" for anything else.
std::string default_field_stem(const Xapian::Query& query) {
  if (query.get_type() != Xapian::Query::LEAF_TERM) return {};
  const std::string term = *query.get_terms_begin();
  return is_default_field_stem(term) ? term.substr(1) : std::string();
}

Xapian::Query phrase_with_bigrams(const Xapian::Query& phrase) {
  if (phrase.get_num_subqueries() != 2) return phrase;
  const Xapian::Query first = phrase.get_subquery(0), second = phrase.get_subquery(1);
  const std::string pair = bigram_term(default_field_stem(first), default_field_stem(second));
  if (pair.empty()) return phrase;  // a function word, a wildcard, a synonym, a field's word
  // The words still give the weight, as they do in a phrase (Xapian weighs a phrase as the
  // sum of its words).
  return Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query(Xapian::Query::OP_AND, first, second),
                       Xapian::Query(pair));
}

}  // namespace

Xapian::Query with_bigrams(const Xapian::Query& query) {
  // Through weight-summing operators only (not a synonym: it weighs its subqueries' wdf
  // together, and a phrase's wdf is not its words').
  return rewrite_query(query, [](const Xapian::Query& node) -> std::optional<Xapian::Query> {
    if (node.get_type() != Xapian::Query::OP_PHRASE) return std::nullopt;
    return phrase_with_bigrams(node);
  });
}

Xapian::Query phrase_pairs(const Xapian::Query& phrase) {
  if (phrase.get_type() != Xapian::Query::OP_PHRASE) return {};
  std::vector<Xapian::Query> pairs;
  for (std::size_t i = 0; i + 1 < phrase.get_num_subqueries(); ++i) {
    const std::string pair =
        bigram_term(default_field_stem(phrase.get_subquery(i)), default_field_stem(phrase.get_subquery(i + 1)));
    if (!pair.empty()) pairs.emplace_back(pair);
  }
  return Xapian::Query(Xapian::Query::OP_AND, pairs.begin(), pairs.end());
}

std::optional<Xapian::doccount> pair_phrase_matches(const Xapian::Query& query, const Xapian::Database& db) {
  if (query.get_type() != Xapian::Query::OP_FILTER || query.get_num_subqueries() != 2) return std::nullopt;
  const Xapian::Query words = query.get_subquery(0), pair = query.get_subquery(1);
  if (words.get_type() != Xapian::Query::OP_AND || words.get_num_subqueries() != 2 ||
      pair.get_type() != Xapian::Query::LEAF_TERM)
    return std::nullopt;
  const std::string term = *pair.get_terms_begin();
  // The pair's term implies both words: it is the match whole.
  if (term != bigram_term(default_field_stem(words.get_subquery(0)), default_field_stem(words.get_subquery(1))))
    return std::nullopt;
  return db.get_termfreq(term);
}

}  // namespace newsearch
