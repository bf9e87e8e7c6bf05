#pragma once
// JSON Lines articles: one JSON object per line.
#include <optional>
#include <string>
#include <string_view>

#include "common/article.hpp"

namespace newsearch {

/// Parses one JSONL line: keys title, author or authors (string or array), date, body or
/// text (paragraphs separated by newlines), tags (array or comma string), url; unknown keys
/// are ignored. On failure returns nullopt and sets *error to the reason.
std::optional<Article> parse_jsonl_line(std::string_view line, std::string* error);

}  // namespace newsearch
