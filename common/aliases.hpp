#pragma once
// User-editable aliases: names that rules cannot fold together (format in docs/aliases.md).
//
//   # comment
//   Volodymyr Zelenskyy = Zelenskyy | Zelensky | Зеленський | Владимир Зеленский
//
// The name before "=" is the preferred display form; every name on the line (that one
// included) is matched by person_key, so spelling variants need not be listed.
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace newsearch {

class AliasTable {
 public:
  /// The defaults shipped as data/aliases.txt.
  static AliasTable builtin();

  /// Parses alias text. A bad line is skipped with a warning "<source>:<line>: <why>";
  /// the other lines still load.
  static AliasTable parse(std::string_view text, std::string_view source,
                          std::vector<std::string>* warnings);

  /// Reads and parses a file; nullopt (and a warning) if it cannot be read.
  static std::optional<AliasTable> load_file(const std::string& path,
                                             std::vector<std::string>* warnings);

  /// Adds other's entries; where both map a name, other wins.
  void merge(const AliasTable& other);

  /// The preferred display for a name (any spelling person_key folds together), or null.
  const std::string* lookup(std::string_view name) const;

  /// Whether some name of two words or more starts with this word (a person_key).
  bool starts_a_name(std::string_view first_word) const { return first_words_.count(first_word) > 0; }
  std::size_t size() const { return by_key_.size(); }
  bool empty() const { return by_key_.empty(); }

 private:
  void add(std::string key, std::string display);

  std::map<std::string, std::string, std::less<>> by_key_;  // person_key -> display
  std::set<std::string, std::less<>> first_words_;           // of the keys of two words or more
};

}  // namespace newsearch
