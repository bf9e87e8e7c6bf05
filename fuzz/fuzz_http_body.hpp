#pragma once
// The HTTP parameter fuzz body, apart from fuzz_bodies.hpp because searcher/http_params.hpp
// and searcher/query_frontend.hpp both define newsearch::kMaxQueryBytes.
#include <string>
#include <string_view>

#include "common/utf8.hpp"
#include "searcher/http_params.hpp"

namespace newsearch::fuzz {

/// "name=value&name=value..." split into parameters without percent-decoding (cpp-httplib
/// decodes before our code sees them, so any byte may reach it); the first byte picks the
/// endpoint.
inline std::string http_params(std::string_view data) {
  const unsigned char which = data.empty() ? 0 : static_cast<unsigned char>(data[0]) % 3;
  if (!data.empty()) data.remove_prefix(1);
  HttpParams params;
  while (!data.empty()) {
    const auto amp = data.find('&');
    std::string_view pair = data.substr(0, amp);
    data = amp == std::string_view::npos ? std::string_view{} : data.substr(amp + 1);
    const auto eq = pair.find('=');
    params.emplace(std::string(pair.substr(0, eq)),
                   eq == std::string_view::npos ? std::string() : std::string(pair.substr(eq + 1)));
  }
  auto check_error = [](const std::optional<ParamError>& e) -> std::string {
    if (!e) return "";
    if (e->message.empty()) return "error without a message";
    if (!is_valid_utf8(e->parameter) || !is_valid_utf8(e->message)) return "error text is not valid UTF-8";
    return "";
  };
  if (which == 0) {
    auto r = parse_search_params(params);
    if (!r.ok()) return check_error(r.error);
    const SearchRequest& q = r.value;
    if (q.query.empty() || q.query.size() > kMaxQueryBytes || !is_valid_utf8(q.query)) return "bad q accepted";
    if (q.limit < 1 || q.limit > kMaxLimit) return "limit out of range accepted";
    if (q.offset > kMaxOffset) return "offset out of range accepted";
    return "";
  }
  if (which == 1) {
    auto r = parse_article_params(params);
    if (!r.ok()) return check_error(r.error);
    if (r.value.size() != 16) return "id not 16 characters accepted";
    for (char c : r.value)
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return "id not lower-case hex";
    return "";
  }
  auto r = parse_suggest_params(params);
  if (!r.ok()) return check_error(r.error);
  if (r.value.limit < 1 || r.value.limit > kMaxSuggestions) return "suggest limit out of range accepted";
  if (r.value.prefix.size() > kMaxQueryBytes || !is_valid_utf8(r.value.prefix)) return "bad prefix accepted";
  return "";
}

}  // namespace newsearch::fuzz
