#pragma once
// Text analysis shared by indexer and searcher: accent folding, the Snowball stemmer
// (libstemmer) wrapped as a Xapian::StemImplementation, and the one configuration of
// TermGenerator and QueryParser, so that index and query split and normalise words
// identically.
#include <xapian.h>

#include <string>
#include <string_view>
#include <vector>

namespace newsearch {

/// Lower-cases Latin, Greek and Cyrillic letters and removes diacritics from Latin ones
/// ("Sánchez" -> "sanchez", "Ёлка" -> "елка"). Other characters pass through unchanged.
std::string fold_accents(std::string_view utf8);

/// Snowball language names libstemmer offers (e.g. "english", "russian"), sorted.
std::vector<std::string> snowball_languages();

/// True if name is a Snowball language (or an ISO 639-1 code of one, e.g. "en").
bool is_snowball_language(std::string_view name);

/// Snowball's canonical name for a language name or ISO code ("en" -> "english").
std::string canonical_language(std::string_view name);

/// ISO 639-1 code for a Snowball language ("english" -> "en"), or the name itself.
std::string language_code(std::string_view snowball_name);

/// The analyzer: one per thread (Xapian objects and libstemmer are not thread-safe).
class Analyzer {
 public:
  /// language: a Snowball language name or ISO code; "none" disables stemming.
  /// Throws std::invalid_argument for an unknown language.
  explicit Analyzer(const std::string& language = "english");

  const std::string& language() const { return language_; }
  /// Stemmer that folds accents before stemming (so "Sánchez" and "sanchez" meet).
  const Xapian::Stem& stemmer() const { return stem_; }

  /// Configures the two TermGenerators of a document: stemmed terms ("Z" prefix) with
  /// positions, so phrases match inflected forms ("interest rates" finds "interest rate"),
  /// and unstemmed terms without positions, for exact forms and wildcards. Positions on one
  /// form only keep the index no larger than Xapian's default (which has them on the other).
  void configure(Xapian::TermGenerator& stemmed, Xapian::TermGenerator& exact) const;

  /// Configures a QueryParser the same way: every free-text word stemmed ("Z" terms),
  /// phrases included, matching what configure(TermGenerator&) indexed.
  void configure(Xapian::QueryParser& parser) const;

  /// The stemmed form of one word as the index holds it (with the "Z" prefix).
  std::string stemmed_term(std::string_view word, std::string_view prefix = "") const;

 private:
  std::string language_;
  Xapian::Stem stem_;
};

/// Term positions left empty between fields so that a phrase never spans two fields.
inline constexpr Xapian::termpos kFieldGap = 100;

}  // namespace newsearch
