#pragma once
// The terminal printer: results, facets and timeline for people, with colour on a
// terminal and none when piped, with NO_COLOR or --color=never.
#include <nlohmann/json.hpp>
#include <string>

namespace newsearch {

struct TextStyle {
  bool color = false;
  std::size_t people_shown = 4;
  /// Wrap snippets at this many columns (0: only the article's own line breaks).
  std::size_t width = 0;
};

/// Header line, hits, then "did you mean" / unmatched words when nothing was found.
std::string format_results(const nlohmann::json& result, const TextStyle& style);
std::string format_facets(const nlohmann::json& facets, const TextStyle& style);
/// A bar per period (or a sparkline when there are many periods).
std::string format_timeline(const nlohmann::json& timeline, const TextStyle& style);
std::string format_article(const nlohmann::json& article, const TextStyle& style);

/// Snippet HTML (escaped text with <mark>) to terminal text, highlighting in bold colour
/// (without colour: the snippet's plain text).
std::string snippet_for_terminal(const std::string& html, bool color);

/// Each line of `text` indented by `indent` spaces and, with width > 0, wrapped at spaces
/// so that no line is wider than `width` columns (escape codes take no column).
std::string indent_and_wrap(const std::string& text, std::size_t indent, std::size_t width);

/// The terminal's width when stdout is one (else COLUMNS, else 0: no wrapping).
std::size_t terminal_width();

}  // namespace newsearch
