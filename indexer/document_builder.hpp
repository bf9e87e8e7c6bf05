#pragma once
// Article -> Xapian::Document: the fielded terms, values and stored data of one article.
#include <xapian.h>

#include <cstdint>
#include <string>

#include "common/analyzer.hpp"
#include "common/article.hpp"
#include "common/fingerprint.hpp"

namespace newsearch {

/// Where an article came from.
struct Source {
  std::string abs_path;
  std::string rel_path;  ///< relative to the indexed root
  std::string file_key;  ///< key of the file in the database (see file_state.hpp)
  int line = 0;          ///< line number in a JSON Lines file, else 0
};

struct BuiltDocument {
  std::string id;  ///< 16 hex digits; the document's unique term is "Q" + id
  Xapian::Document document;
  Fingerprint fingerprint;
};

/// Builds documents; one per thread (owns a TermGenerator).
class DocumentBuilder {
 public:
  /// word_pairs: add the title's and body's word pairs (common/bigrams.hpp).
  explicit DocumentBuilder(const Analyzer& analyzer, bool word_pairs = true);
  BuiltDocument build(const Article& article, const Source& source);

 private:
  /// Indexes text into both generators: stemmed with positions, exact without.
  void index(const std::string& text, Xapian::termcount wdf, std::string_view prefix);

  Xapian::TermGenerator stemmed_;
  Xapian::TermGenerator exact_;
  bool word_pairs_;
};

/// The stable id of an article: from its URL if it has one, else from file and line.
std::string article_id(const Article& article, const Source& source);

/// A boolean term, cut to Xapian's term length limit (long values are hashed).
std::string boolean_term(std::string_view prefix, std::string_view value);

}  // namespace newsearch
