#pragma once
// The part that rewrites what a user typed before Xapian's QueryParser sees it: repairs
// unbalanced quotes and parentheses, spots unknown fields, takes out exact-form terms
// (=word, ="a phrase") and expands synonyms. Pure string work: fuzzed on its own.
#include <string>
#include <vector>

namespace newsearch {

class Synonyms;

struct FrontendResult {
  std::string query;                      ///< what goes to the QueryParser
  std::vector<std::string> exact_words;   ///< =word: match this form only (not stemmed)
  std::vector<std::string> exact_phrases; ///< ="a phrase": match these forms in this order
  std::vector<std::string> notices;       ///< what was repaired, for people
  std::vector<std::string> plain_words;   ///< unfielded, unquoted words (for phrase boost, "unmatched")
  bool simple = true;                     ///< only plain words: no operators, fields, quotes
  /// The query has operators or '-'/'+' next to characters Xapian's lexer reads differently
  /// from this front end: parse it without operators and love/hate (see query_frontend.cpp).
  bool without_operators = false;
};

/// Limits the front end enforces whatever the caller does.
inline constexpr std::size_t kMaxFrontendQueryBytes = 4096;

/// Rewrites a query. known_fields are the names a "name:" may use; synonyms may be null.
FrontendResult rewrite_query(const std::string& input, const std::vector<std::string>& known_fields,
                             const Synonyms* synonyms);

}  // namespace newsearch
