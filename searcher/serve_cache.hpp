#pragma once
// Answers of /api/search kept for repeated requests (a page's "next", the back button, the
// same news everyone searches this morning), like Solr's query result cache. An entry is
// keyed by the database revision it was computed on as well as the request, so a commit
// makes every older entry unreachable at once: no stale result is ever served. Least
// recently used entries go first once the byte budget is spent. Thread-safe.
#include <cstddef>
#include <list>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <unordered_map>

#include "searcher/search_request.hpp"

namespace newsearch {

class ResponseCache {
 public:
  /// max_bytes 0: caching off.
  explicit ResponseCache(std::size_t max_bytes) : max_bytes_(max_bytes) {}

  /// The key of a request against a database revision; "" when it cannot be cached (no
  /// revision: several databases searched as one).
  static std::string key(const std::string& revision, const SearchRequest& request);

  std::shared_ptr<const nlohmann::json> find(const std::string& key);
  /// Keeps `answer`, whose serialised size is `bytes`.
  void insert(const std::string& key, nlohmann::json answer, std::size_t bytes);

  bool enabled() const { return max_bytes_ > 0; }

 private:
  struct Entry {
    std::string key;
    std::shared_ptr<const nlohmann::json> answer;
    std::size_t bytes;
  };
  std::size_t max_bytes_;
  std::size_t bytes_ = 0;
  std::mutex mutex_;
  std::list<Entry> entries_;  ///< most recently used first
  std::unordered_map<std::string, std::list<Entry>::iterator> by_key_;
};

}  // namespace newsearch
