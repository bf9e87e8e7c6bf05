#include "common/bigrams.hpp"

#include <algorithm>
#include <array>

#include "common/schema.hpp"

namespace newsearch {

namespace {

// English function words and the stems Snowball gives them ("its" -> "it", "why" -> "whi").
// Pairs with one of them are a third of a news text's pairs, and the phrases they would
// speed up ("bank of england") are few: those keep being checked by position.
constexpr std::array<std::string_view, 46> kFunctionWords = {
    "a",    "an",   "and",   "are",  "as",   "at",   "be",   "but",  "by",   "for",   "from", "how",
    "if",   "in",   "into",  "is",   "it",   "its",  "of",   "on",   "or",   "such",  "that", "the",
    "their", "then", "there", "these", "they", "this", "to",   "was",  "were", "what",  "when", "where",
    "which", "who",  "whom",  "why",  "whi",  "will", "with", "has",  "had",  "have"};

bool is_function_word(std::string_view stem) {
  return std::find(kFunctionWords.begin(), kFunctionWords.end(), stem) != kFunctionWords.end();
}

}  // namespace

std::string bigram_term(std::string_view first, std::string_view second) {
  if (first.empty() || second.empty() || is_function_word(first) || is_function_word(second)) return {};
  if (kPrefixBigram.size() + first.size() + 1 + second.size() > kMaxTermBytes) return {};
  std::string term;
  term.reserve(kPrefixBigram.size() + first.size() + 1 + second.size());
  term.append(kPrefixBigram).append(first).append(1, ' ').append(second);
  return term;
}

bool is_bigram_term(std::string_view term) { return term.starts_with(kPrefixBigram); }

bool all_parts_have_pairs(const std::vector<Xapian::Database>& parts) {
  return !parts.empty() && std::all_of(parts.begin(), parts.end(), [](const Xapian::Database& part) {
           return part.get_metadata(std::string(kMetaBigrams)) == "1";
         });
}

}  // namespace newsearch
