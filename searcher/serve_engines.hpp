#pragma once
// One SearchEngine per server worker thread: Xapian handles must not be shared between
// threads, and opening one per request would cost more than the search.
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "searcher/search_engine.hpp"

namespace newsearch {

class EnginePerThread {
 public:
  explicit EnginePerThread(std::vector<std::string> databases);

  /// The calling thread's engine (opened on first use), refreshed to the latest commit so
  /// that a newly indexed article is found without a restart.
  SearchEngine& current();

 private:
  std::vector<std::string> databases_;
  std::mutex mutex_;  // guards the map only; each engine is used by its own thread
  std::unordered_map<std::thread::id, std::unique_ptr<SearchEngine>> engines_;
};

}  // namespace newsearch
