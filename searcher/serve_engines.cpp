#include "searcher/serve_engines.hpp"

namespace newsearch {

EnginePerThread::EnginePerThread(std::vector<std::string> databases) : databases_(std::move(databases)) {}

SearchEngine& EnginePerThread::current() {
  const auto id = std::this_thread::get_id();
  SearchEngine* engine = nullptr;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (auto it = engines_.find(id); it != engines_.end()) engine = it->second.get();
  }
  if (!engine) {
    // Opened outside the lock: a slow open must not hold up the other workers.
    auto fresh = std::make_unique<SearchEngine>(databases_);
    std::lock_guard<std::mutex> lock(mutex_);
    engine = (engines_[id] = std::move(fresh)).get();
    return *engine;
  }
  // Cheap when nothing changed (Xapian compares the revision); reopens after a commit and
  // retries the open if the database was missing or being replaced.
  engine->refresh();
  return *engine;
}

}  // namespace newsearch
