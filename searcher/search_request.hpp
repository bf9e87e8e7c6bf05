#pragma once
// What a search asks for: the same struct from the command line and from HTTP parameters.
#include <cstddef>
#include <optional>
#include <string>

namespace newsearch {

enum class SortOrder { kRelevance, kNewest, kOldest, kRecent };

struct SearchRequest {
  std::string query;
  std::size_t offset = 0;
  std::size_t limit = 10;
  SortOrder sort = SortOrder::kRelevance;
  std::optional<std::string> since;  ///< date bound as typed: 2025, 2025-03, 2025-03-01
  std::optional<std::string> until;
  bool any = false;          ///< OR the words instead of AND
  bool facets = false;
  bool timeline = false;
  bool collapse = true;      ///< one hit per duplicate cluster
  double half_life_days = 30;  ///< for SortOrder::kRecent
  std::string like;          ///< article id or file path: find similar articles
  std::size_t snippet_bytes = 220;
};

/// Parses "relevance" | "newest" | "oldest" | "recent".
std::optional<SortOrder> parse_sort(const std::string& s);

}  // namespace newsearch
