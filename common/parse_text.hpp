#pragma once
// The plain-text article format (see corpus/000_b8c9ca3be790383f.txt) and its messy variants.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/article.hpp"

namespace newsearch {

/// Parses one article file: title / "-" / "- Author" / "-" / "•" / "-" / date / paragraphs /
/// optional "Recent news about: a, b". Also takes CRLF and a BOM, missing separator lines,
/// no author, several authors ("A and B", "A, B"), a missing, empty or unparseable date,
/// other date forms, and a file with no header at all (first line is the title).
/// Ill-formed UTF-8 is repaired with U+FFFD. Problems are reported in Article::warnings
/// (and appended to *warnings if given). Returns nullopt only for text with no title
/// (empty or blank).
std::optional<Article> parse_article_text(std::string_view text,
                                          std::vector<std::string>* warnings = nullptr);

/// Splits a comma-separated list, trimming items and dropping empty ones.
std::vector<std::string> split_list(std::string_view text);

/// Splits a byline ("A and B", "A, B", "A & B") into names.
std::vector<std::string> split_authors(std::string_view byline);

/// ISO 639-1 code of the text's script: "uk" or "ru" for Cyrillic text (Ukrainian when it
/// has letters only Ukrainian uses), otherwise latin_default.
std::string detect_language(std::string_view text, const std::string& latin_default);

}  // namespace newsearch
