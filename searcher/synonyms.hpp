#pragma once
// Query-time synonyms from an editable file: each line a group of equivalent terms,
//   US | United States | USA
// Read by the searcher (no reindexing needed after an edit).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace newsearch {

class Synonyms {
 public:
  /// The built-in defaults (data/synonyms.txt).
  static Synonyms builtin();
  /// Parses text; bad lines give "<source>:<line>: <why>" warnings, the rest loads.
  static Synonyms parse(std::string_view text, std::string_view source, std::vector<std::string>* warnings);
  static std::optional<Synonyms> load_file(const std::string& path, std::vector<std::string>* warnings);

  /// The group containing this word or phrase (case-insensitive), or null.
  const std::vector<std::string>* group_of(std::string_view phrase) const;
  /// Longest number of words of any entry (to match multi-word entries).
  std::size_t max_words() const { return max_words_; }
  std::size_t size() const { return groups_.size(); }

 private:
  std::vector<std::vector<std::string>> groups_;
  std::size_t max_words_ = 1;
};

}  // namespace newsearch
