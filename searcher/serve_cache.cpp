#include "searcher/serve_cache.hpp"

namespace newsearch {

std::string ResponseCache::key(const std::string& revision, const SearchRequest& r) {
  if (revision.empty()) return {};
  // Every field that changes the answer; \x1f cannot occur in a validated parameter.
  std::string k = revision;
  for (const std::string& part :
       {r.query, std::to_string(r.offset), std::to_string(r.limit), std::to_string(static_cast<int>(r.sort)),
        r.since.value_or("-"), r.until.value_or("-"), std::to_string(r.any), std::to_string(r.facets),
        std::to_string(r.timeline), std::to_string(r.collapse), std::to_string(r.half_life_days), r.like,
        std::to_string(r.snippet_bytes)}) {
    k += '\x1f';
    k += part;
  }
  return k;
}

std::shared_ptr<const nlohmann::json> ResponseCache::find(const std::string& key) {
  if (!enabled() || key.empty()) return nullptr;
  std::lock_guard lock(mutex_);
  auto it = by_key_.find(key);
  if (it == by_key_.end()) return nullptr;
  entries_.splice(entries_.begin(), entries_, it->second);
  return it->second->answer;
}

void ResponseCache::insert(const std::string& key, nlohmann::json answer, std::size_t bytes) {
  bytes += key.size();
  if (!enabled() || key.empty() || bytes > max_bytes_ / 4) return;  // one answer never takes most of it
  auto shared = std::make_shared<const nlohmann::json>(std::move(answer));
  std::lock_guard lock(mutex_);
  if (by_key_.count(key)) return;  // another thread computed it meanwhile
  entries_.push_front({key, std::move(shared), bytes});
  by_key_[key] = entries_.begin();
  bytes_ += bytes;
  while (bytes_ > max_bytes_ && !entries_.empty()) {
    bytes_ -= entries_.back().bytes;
    by_key_.erase(entries_.back().key);
    entries_.pop_back();
  }
}

}  // namespace newsearch
