#pragma once
// People extraction: which persons an article names, under one canonical name each.
// Interface used by the indexer; the implementation lives in common/people*.cpp.
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/article.hpp"

namespace newsearch {

class AliasTable;  // defined in common/aliases.hpp

/// Finds the people an article mentions. One instance per thread (not thread-safe);
/// construction may be costly, extraction must be fast (runs on every article).
class PeopleExtractor {
 public:
  /// aliases may be null (built-in defaults only).
  explicit PeopleExtractor(std::shared_ptr<const AliasTable> aliases = nullptr);
  ~PeopleExtractor();
  PeopleExtractor(PeopleExtractor&&) noexcept;
  PeopleExtractor& operator=(PeopleExtractor&&) noexcept;

  /// The distinct people named in title, body and tags, excluding the article's authors,
  /// in order of first mention.
  std::vector<Person> extract(const Article& article) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// Folds a person name (any script, any transliteration, with or without accents) to the
/// key used for index terms: person_key("Володимир Зеленський") == person_key("Volodymyr
/// Zelenskyi") == person_key("volodymyr zelensky"). Used at index and at query time.
std::string person_key(std::string_view name);

}  // namespace newsearch
