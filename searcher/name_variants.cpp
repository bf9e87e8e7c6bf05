#include "searcher/name_variants.hpp"

#include "common/people.hpp"
#include "common/schema.hpp"
#include "searcher/query_rewrite.hpp"

namespace newsearch {

namespace {

constexpr std::size_t kMinNameBytes = 3;  // "al", "de": no surname worth a lookup
constexpr std::size_t kMaxWords = 32;     // a pasted paragraph costs no more than a query

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
  return rewrite_query(query, [&](const Xapian::Query& node) -> std::optional<Xapian::Query> {
    if (node.get_type() != Xapian::Query::LEAF_TERM) return std::nullopt;
    const auto it = variants.find(*node.get_terms_begin());
    if (it == variants.end()) return node;
    return Xapian::Query(Xapian::Query::OP_OR, node, Xapian::Query(it->second));
  });
}

}  // namespace newsearch
