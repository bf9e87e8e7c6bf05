#pragma once
// What a document's data holds: everything a result and the article view show, so the
// searcher never rereads the source file (which may have moved).
#include <xapian.h>

#include <optional>
#include <string>
#include <vector>

namespace newsearch {

struct StoredArticle {
  std::string id;  ///< 16 hex digits, stable: from path (and line) or URL
  std::string title;
  std::vector<std::string> authors;
  std::optional<std::string> date;  ///< "YYYY-MM-DDTHH:MM" or none
  std::vector<std::string> tags;
  std::vector<std::string> people;       ///< display names, in order of first mention
  std::vector<std::string> person_keys;  ///< the matching person keys
  std::string path;     ///< relative to the folder it was indexed from
  std::string abspath;  ///< absolute, for display and --like
  int line = 0;         ///< line in a JSON Lines file, else 0
  std::string url;
  std::string language;
  std::string body;  ///< paragraphs joined by '\n'

  /// The document data: the record below, compressed with zstd and the built-in dictionary
  /// (record_dictionary.hpp) where that makes it smaller.
  std::string serialise() const;
  /// The record uncompressed (a version byte, then the fields length-prefixed).
  std::string plain_record() const;
  /// Parses document data, compressed or not; a damaged record yields what could be read
  /// (never throws).
  static StoredArticle unserialise(const std::string& data);

  bool operator==(const StoredArticle&) const = default;
};

}  // namespace newsearch
