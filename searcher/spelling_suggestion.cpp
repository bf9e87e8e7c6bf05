#include "searcher/spelling_suggestion.hpp"

#include <algorithm>

namespace newsearch {

std::string keep_found_words(const std::string& query, const std::string& corrected,
                             const std::vector<std::string>& plain_words, const nlohmann::json& unmatched) {
  auto split = [](const std::string& s) {
    std::vector<std::string> words;
    std::size_t start = 0;
    while (start < s.size()) {
      std::size_t end = s.find(' ', start);
      if (end == std::string::npos) end = s.size();
      if (end > start) words.push_back(s.substr(start, end - start));
      start = end + 1;
    }
    return words;
  };
  std::vector<std::string> before = split(query), after = split(corrected);
  if (before.size() != after.size()) return corrected;
  std::string out;
  for (std::size_t i = 0; i < after.size(); ++i) {
    const bool plain = std::find(plain_words.begin(), plain_words.end(), before[i]) != plain_words.end();
    const bool found = plain && std::find(unmatched.begin(), unmatched.end(), before[i]) == unmatched.end();
    out += (i ? " " : "") + (found ? before[i] : after[i]);
  }
  return out;
}

}  // namespace newsearch
