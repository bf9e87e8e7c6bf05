#pragma once
// The search engine behind the CLI, the JSON output and the HTTP server: one code path.
// One SearchEngine per thread (it owns its Xapian::Database handle).
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "common/result.hpp"
#include "searcher/search_request.hpp"

namespace Xapian {
class Query;
}

namespace newsearch {

class Synonyms;

/// How the engine treats its shards.
struct EngineOptions {
  /// Leave out remote shards that cannot be reached (results then say "partial": true)
  /// instead of failing.
  bool allow_partial = false;
  /// A local database with the spelling dictionary and person spellings of remote shards
  /// (newsearch --write-spelling-db): "did you mean" and names for a search host whose
  /// shards are all remote.
  std::string spelling_db;
  /// Threads a large match runs on, over slices of the document ids (sliced_match.hpp);
  /// 0: one per core, at most kMaxMatchThreads; 1: never sliced.
  unsigned match_threads = 0;
  /// A match is sliced when it can match at least this many articles (below, a thread
  /// costs more than it saves).
  unsigned slice_from = 20000;
  /// Weigh a frequent word over its champion list first (champion_match.hpp); off, every
  /// posting is weighed (the same results, slower: for tests and benchmarks).
  bool champions = true;
  /// Answer two-word phrases from their word pairs' terms where every shard has them
  /// (phrase_bigrams.hpp); off, from positions (the same results, slower: for tests and
  /// benchmarks).
  bool bigrams = true;
};

class SearchEngine {
 public:
  /// Opens the databases (folders, stub files, "tcp://HOST:PORT" shards) as one. Check ok() / error().
  explicit SearchEngine(std::vector<std::string> databases);
  SearchEngine(std::vector<std::string> databases, EngineOptions options);
  ~SearchEngine();
  SearchEngine(SearchEngine&&) noexcept;
  SearchEngine& operator=(SearchEngine&&) noexcept;

  bool ok() const;
  const Error& error() const;

  /// Runs a search; the result is the documented JSON document (docs/json.md).
  /// Errors (bad query syntax that cannot be repaired, bad dates) come back as Error
  /// with exit_code 2.
  Result<nlohmann::json> search(const SearchRequest& request);

  /// One article by id: its fields and full text (docs/json.md), or an Error (exit 1 if
  /// there is no such article).
  Result<nlohmann::json> article(const std::string& id);

  /// Completions of the last word of prefix: terms, people and authors.
  nlohmann::json suggest(const std::string& prefix, std::size_t limit = 8);

  /// Health: document count, last modification.
  nlohmann::json health();

  /// Reopens the database if a newer commit exists (cheap when there is none).
  void refresh();

  /// The revision of the commit searches see now: equal revisions give equal answers.
  /// "" when there is none to give (several databases searched as one, or none open).
  std::string revision() const;

  /// Replaces the query-time synonyms (default: the built-in list).
  void set_synonyms(std::shared_ptr<const Synonyms> synonyms);

 private:
  /// The "more like this" query for an article id or indexed file path.
  Result<Xapian::Query> like_query(const std::string& id_or_path);

 public:
 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace newsearch
