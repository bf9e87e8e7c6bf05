#pragma once
// A name typed as a plain word finds the person however the articles spell them: "zelensky"
// also finds the articles that write "Zelenskyy", "Zelenskiy" or "Зеленський". The people
// field holds each person's canonical words (person_key), so a query word is ORed with its
// people-field word where that word is in more articles than the query word itself (the
// articles that name the person in another spelling). Elsewhere ("reagan", "oil") the query
// is left as it is, and costs nothing more.
#include <xapian.h>

#include <map>
#include <string>
#include <vector>

#include "common/analyzer.hpp"

namespace newsearch {

/// For the words of a query (as the index's tokenizer makes them): stemmed term -> people-field
/// term, where the people-field term is in more articles of db than the stemmed term.
std::map<std::string, std::string> person_word_variants(const std::vector<std::string>& words,
                                                        const Analyzer& analyzer, const Xapian::Database& db);

/// query with each term of `variants` ORed with its people-field term; not inside phrases,
/// NEAR, wildcards or weight scaling, where a people-field term has no place.
Xapian::Query with_person_words(const Xapian::Query& query, const std::map<std::string, std::string>& variants);

}  // namespace newsearch
