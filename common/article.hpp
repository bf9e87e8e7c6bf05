#pragma once
// The article model: what every parser produces and every later stage reads.
#include <optional>
#include <string>
#include <vector>

namespace newsearch {

/// A publication date as written in the article, kept to the minute, never converted
/// between time zones. hour/minute are -1 when the source gave only a day.
struct ArticleDate {
  int year = 0;
  int month = 0;  // 1-12
  int day = 0;    // 1-31
  int hour = -1;
  int minute = -1;

  bool has_time() const { return hour >= 0; }
  /// "YYYY-MM-DDTHH:MM" (00:00 when no time was given).
  std::string iso_minute() const;
  /// "YYYYMMDDHHMM": sorts chronologically as a string (value slot form).
  std::string sortable() const;
  std::string iso_day() const;    // YYYY-MM-DD
  std::string iso_month() const;  // YYYY-MM
  bool operator==(const ArticleDate&) const = default;
};

/// One paragraph of body text. A short line without final punctuation is a subheading.
struct Paragraph {
  std::string text;
  bool subheading = false;
};

/// A person the article mentions, after in-article coreference and archive folding.
struct Person {
  std::string key;      ///< canonical fold key: ASCII, lower case, e.g. "volodymyr zelenskyy"
  std::string display;  ///< how to show the name, e.g. "Volodymyr Zelenskyy"
  int mentions = 1;     ///< how often the article names this person
};

struct Article {
  std::string title;
  std::vector<std::string> authors;
  std::optional<ArticleDate> date;
  std::vector<Paragraph> paragraphs;
  std::vector<std::string> tags;  ///< from "Recent news about: a, b" or JSONL "tags"
  std::string url;                ///< JSONL only
  std::string language;           ///< ISO 639-1 code detected from the text ("en", "uk", "ru")
  std::vector<Person> people;     ///< filled by the people extractor

  /// Problems found while parsing (repaired UTF-8, unparseable date...): the indexer
  /// prints each as a warning naming the file, and still indexes the article.
  std::vector<std::string> warnings;

  /// All paragraphs joined by newlines.
  std::string body_text() const;
};

}  // namespace newsearch
