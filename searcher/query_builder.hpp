#pragma once
// User query -> Xapian::Query: the QueryParser set up from the schema table, field
// processors for person: and date:, exact forms, the phrase boost, date bounds.
#include <xapian.h>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/analyzer.hpp"
#include "common/result.hpp"
#include "searcher/date_terms.hpp"
#include "searcher/query_frontend.hpp"

namespace newsearch {

class Synonyms;

struct BuiltQuery {
  Xapian::Query query;
  /// When the words get a phrase boost: the query without it and the boost (query is
  /// `unboosted AND_MAYBE boost`), so a search can apply the boost to its best matches only.
  Xapian::Query unboosted, boost;
  /// With word pairs: the articles the boost can match at most (phrase_pairs), or empty.
  Xapian::Query boost_pairs;
  /// Body terms a snippet should show besides the query's own: the words of a person: name.
  Xapian::Query highlight;
  /// A person's folded word (person_key) -> the query's stem it stands for ("zelensky" ->
  /// "zelenski"), so that a snippet marks the name as the article spells it ("Zelenskyy",
  /// "Зеленський"): for names typed as words that found other spellings, and person: names.
  std::map<std::string, std::string> name_variants;
  FrontendResult frontend;
  std::string corrected;  ///< QueryParser's spelling-corrected query string ("" if none)
};

struct QueryOptions {
  bool any = false;  ///< OR instead of AND between words
  std::optional<std::string> since, until;
  bool spelling = true;  ///< ask for a spelling-corrected version (needs a local database)
};

/// Builds queries against one database; one per thread.
class QueryBuilder {
 public:
  QueryBuilder(const Xapian::Database& db, const std::string& language, std::shared_ptr<const Synonyms> synonyms);
  ~QueryBuilder();

  /// Errors: a date that cannot be read, a query Xapian cannot parse even after repair.
  Result<BuiltQuery> build(const std::string& text, const QueryOptions& options);

  const Analyzer& analyzer() const { return analyzer_; }
  /// Phrases from word pairs (phrase_bigrams.hpp): only where every shard has them.
  void use_bigrams(bool on) { bigrams_ = on; }
  /// Query names of the fields (title, author, person, tag, date, lang, url).
  static std::vector<std::string> field_names();

  /// The query for date:VALUE (a day, month, year or range); nullopt if a bound is not a
  /// date. Ranges are terms within `archive` when it is known, else the date slot.
  static std::optional<Xapian::Query> date_query(const std::string& value, std::string* error,
                                                 const std::optional<DaySpan>& archive = std::nullopt);

 private:
  Xapian::Database db_;
  Analyzer analyzer_;
  std::shared_ptr<const Synonyms> synonyms_;
  Xapian::QueryParser parser_;
  std::optional<DaySpan> archive_;  ///< the database's dated span, as of the query being built
  bool bigrams_ = false;
};

}  // namespace newsearch
