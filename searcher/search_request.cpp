#include "searcher/search_request.hpp"

namespace newsearch {

std::optional<SortOrder> parse_sort(const std::string& s) {
  if (s == "relevance") return SortOrder::kRelevance;
  if (s == "newest") return SortOrder::kNewest;
  if (s == "oldest") return SortOrder::kOldest;
  if (s == "recent") return SortOrder::kRecent;
  return std::nullopt;
}

}  // namespace newsearch
