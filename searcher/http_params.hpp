#pragma once
// Validation of the query parameters of the HTTP API: each endpoint's parameters become a
// typed request, or a ParamError naming the parameter and why (sent back as a 400).
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "searcher/search_request.hpp"

namespace newsearch {

/// The decoded query string, as cpp-httplib gives it (a name may repeat).
using HttpParams = std::multimap<std::string, std::string>;

/// The parameters of a request target ("/api/search?q=subsoil+deal"), decoded as HTML
/// forms and URLSearchParams encode them: '+' is a space, %XX a byte. (cpp-httplib 0.11
/// leaves '+' alone, which would turn "subsoil deal" into "subsoil+deal".)
HttpParams parse_query_string(std::string_view target);

/// Why a request was refused: the parameter at fault (empty if none) and a message for people.
struct ParamError {
  std::string parameter;
  std::string message;
};

/// A value or the ParamError that refused it.
template <typename T>
struct Checked {
  T value{};
  std::optional<ParamError> error;
  bool ok() const { return !error.has_value(); }
};

/// Bounds of the API, shared with the page and the tests.
inline constexpr std::size_t kMaxLimit = 100;
inline constexpr std::size_t kMaxOffset = 10000;
inline constexpr std::size_t kMaxQueryBytes = 1024;
inline constexpr std::size_t kMaxSuggestions = 20;

/// /api/search: q (required), offset, limit, sort, since, until, facets, timeline.
Checked<SearchRequest> parse_search_params(const HttpParams& params);

/// /api/article: id (16 hex digits).
Checked<std::string> parse_article_params(const HttpParams& params);

struct SuggestRequest {
  std::string prefix;
  std::size_t limit = 8;
};

/// /api/suggest: q (may be empty), limit (1..20).
Checked<SuggestRequest> parse_suggest_params(const HttpParams& params);

}  // namespace newsearch
