#include "searcher/name_variants.hpp"

#include "common/people.hpp"
#include "common/schema.hpp"

namespace newsearch {

namespace {

constexpr std::size_t kMinNameBytes = 3;  // "al", "de": no surname worth a lookup
constexpr std::size_t kMaxWords = 32;     // a pasted paragraph costs no more than a query

Xapian::Query or_variants(const Xapian::Query& query, const std::map<std::string, std::string>& variants,
                          bool& changed) {
  switch (query.get_type()) {
    case Xapian::Query::LEAF_TERM: {
      const auto it = variants.find(*query.get_terms_begin());
      if (it == variants.end()) return query;
      changed = true;
      return Xapian::Query(Xapian::Query::OP_OR, query, Xapian::Query(it->second));
    }
    case Xapian::Query::OP_AND:
    case Xapian::Query::OP_OR:
    case Xapian::Query::OP_AND_NOT:
    case Xapian::Query::OP_XOR:
    case Xapian::Query::OP_AND_MAYBE:
    case Xapian::Query::OP_FILTER:
    case Xapian::Query::OP_MAX: {
      std::vector<Xapian::Query> parts;
      bool inner = false;
      for (std::size_t i = 0; i < query.get_num_subqueries(); ++i)
        parts.push_back(or_variants(query.get_subquery(i), variants, inner));
      if (!inner) return query;
      changed = true;
      return Xapian::Query(query.get_type(), parts.begin(), parts.end());
    }
    default:
      return query;
  }
}

}  // namespace

std::map<std::string, std::string> person_word_variants(const std::vector<std::string>& words,
                                                        const Analyzer& analyzer, const Xapian::Database& db) {
  std::map<std::string, std::string> out;
  const std::string prefix(find_field("person")->prefix);
  for (std::size_t i = 0; i < words.size() && i < kMaxWords; ++i) {
    const std::string& word = words[i];
    if (word.size() < kMinNameBytes) continue;
    const std::string key = person_key(word);
    if (key.empty() || key.find(' ') != std::string::npos) continue;
    const std::string person_term = prefix + key;
    const std::string stemmed = analyzer.stemmed_term(word);
    if (out.count(stemmed)) continue;
    if (db.get_termfreq(person_term) > db.get_termfreq(stemmed)) out.emplace(stemmed, person_term);
  }
  return out;
}

Xapian::Query with_person_words(const Xapian::Query& query, const std::map<std::string, std::string>& variants) {
  if (variants.empty()) return query;
  bool changed = false;
  return or_variants(query, variants, changed);
}

}  // namespace newsearch
