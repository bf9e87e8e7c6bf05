#pragma once
// The word lists the people extractor reads (data/given_names.txt, people_roles.txt,
// people_not_names.txt), loaded once from the embedded data.
#include <string>
#include <string_view>
#include <unordered_set>

namespace newsearch {

struct NameLexicon {
  std::unordered_set<std::string> given;      ///< given names, lower case
  std::unordered_set<std::string> roles;      ///< titles and role words before a name
  std::unordered_set<std::string> not_names;  ///< organisation, place, date cue words

  /// Loaded on first use; thread-safe.
  static const NameLexicon& get();

  /// Lower-case particles inside names: von der Leyen, van Gogh, bin Salman.
  static bool is_particle(std::string_view lower);
  bool is_given(std::string_view lower) const { return given.count(strip_dot(lower)) > 0; }
  bool is_role(std::string_view lower) const { return roles.count(strip_dot(lower)) > 0; }
  bool is_not_name(std::string_view lower) const { return not_names.count(std::string(lower)) > 0; }

  static std::string strip_dot(std::string_view w) {
    if (!w.empty() && w.back() == '.') w.remove_suffix(1);
    return std::string(w);
  }
};

}  // namespace newsearch
