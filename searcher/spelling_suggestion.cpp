#include "searcher/spelling_suggestion.hpp"

#include <algorithm>
#include <numeric>

#include "common/people.hpp"
#include "common/schema.hpp"

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

namespace {

std::size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<std::size_t> row(b.size() + 1);
  std::iota(row.begin(), row.end(), 0);
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

// The closest word of a person's name in db to `word` (a person_key word), or "" if none is
// within two edits. Only names with the same first letter are read.
std::string closest_person_word(const std::string& word, const Xapian::Database& db) {
  const std::string prefix = std::string(find_field("person")->prefix);
  std::string best;
  std::size_t best_distance = 3;
  Xapian::doccount best_freq = 0;
  const std::string start = prefix + word.substr(0, 1);
  for (auto t = db.allterms_begin(start); t != db.allterms_end(start); ++t) {
    const std::string candidate = (*t).substr(prefix.size());
    if (candidate.size() + 2 < word.size() || candidate.size() > word.size() + 2) continue;
    const std::size_t d = edit_distance(word, candidate);
    if (d < best_distance || (d == best_distance && t.get_termfreq() > best_freq)) {
      best = candidate;
      best_distance = d;
      best_freq = t.get_termfreq();
    }
  }
  return best;
}

}  // namespace

std::string correct_person_fields(const std::string& query, const Xapian::Database& db) {
  const std::string prefix = std::string(find_field("person")->prefix);
  std::string out = query;
  for (std::size_t at = out.find("person:"); at != std::string::npos; at = out.find("person:", at + 1)) {
    const std::size_t value = at + 7;
    const bool quoted = value < out.size() && out[value] == '"';
    const std::size_t begin = quoted ? value + 1 : value;
    const std::size_t end = std::min(out.find(quoted ? '"' : ' ', begin), out.size());
    std::string corrected;
    bool changed = false;
    const std::string name = out.substr(begin, end - begin);
    for (std::size_t w = 0; w < name.size();) {
      std::size_t e = name.find(' ', w);
      if (e == std::string::npos) e = name.size();
      std::string word = name.substr(w, e - w);
      const std::string key = person_key(word);
      if (!key.empty() && key.find(' ') == std::string::npos && !db.term_exists(prefix + key)) {
        // The speller gives the word as articles spell it ("rutte"); the names' words are
        // folded keys ("rute"), the fallback.
        std::string better = db.get_spelling_suggestion(Xapian::Unicode::tolower(word));
        if (better.empty() || !db.term_exists(prefix + person_key(better))) better = closest_person_word(key, db);
        if (!better.empty()) {
          word = better;
          changed = true;
        }
      }
      corrected += (corrected.empty() ? "" : " ") + word;
      w = e + 1;
    }
    if (changed) out.replace(begin, end - begin, corrected);
  }
  return out;
}

}  // namespace newsearch
