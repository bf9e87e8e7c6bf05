#pragma once
// The terminal printer: results, facets and timeline for people, with colour on a
// terminal and none when piped, with NO_COLOR or --color=never.
#include <nlohmann/json.hpp>
#include <string>

namespace newsearch {

struct TextStyle {
  bool color = false;
  std::size_t people_shown = 4;
};

/// Header line, hits, then "did you mean" / unmatched words when nothing was found.
std::string format_results(const nlohmann::json& result, const TextStyle& style);
std::string format_facets(const nlohmann::json& facets, const TextStyle& style);
/// A bar per period (or a sparkline when there are many periods).
std::string format_timeline(const nlohmann::json& timeline, const TextStyle& style);
std::string format_article(const nlohmann::json& article, const TextStyle& style);

/// Snippet HTML (escaped text with <mark>) to terminal text, highlighting in bold colour.
std::string snippet_for_terminal(const std::string& html, bool color);

}  // namespace newsearch
