// person_key: the archive-wide fold of a person name (see people.hpp, name_key.hpp).
#include <cctype>

#include "common/name_key.hpp"
#include "common/people.hpp"
#include "common/translit.hpp"

namespace newsearch {
namespace {

bool is_vowel(char c) {
  return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
}
bool is_consonant(char c) { return c >= 'a' && c <= 'z' && !is_vowel(c); }
bool is_iyj(char c) { return c == 'i' || c == 'y' || c == 'j'; }

}  // namespace

std::string fold_name_word(std::string_view in) {
  std::string w(in);
  // 1. final i/y/j cluster: the spot where transliterations of -ий/-ій disagree
  std::size_t end = w.size();
  std::size_t start = end;
  while (start > 0 && is_iyj(w[start - 1])) --start;
  if (end - start >= 2 && start >= 2) w.replace(start, end - start, "y");
  // 2. doubled letters
  std::string c;
  c.reserve(w.size());
  for (char ch : w)
    if (c.empty() || c.back() != ch || std::isdigit(static_cast<unsigned char>(ch))) c += ch;
  // 3. y between consonants (reads the letters before this pass, so one pass suffices)
  std::string out = c;
  for (std::size_t i = 1; i + 1 < c.size(); ++i)
    if (c[i] == 'y' && is_consonant(c[i - 1]) && is_consonant(c[i + 1])) out[i] = 'i';
  return out;
}

std::string person_key(std::string_view name) {
  std::string latin = to_latin(name);
  std::string key;
  std::string word;
  auto flush = [&] {
    if (word.empty()) return;
    if (!key.empty()) key += ' ';
    key += fold_name_word(word);
    word.clear();
  };
  for (char ch : latin) {
    auto u = static_cast<unsigned char>(ch);
    if (std::isalnum(u)) {
      word += static_cast<char>(std::tolower(u));
    } else if (ch == '\'' || ch == '`') {
      // O'Brien, Mar'iana: the apostrophe is part of the word, not a break
    } else {
      flush();
    }
  }
  flush();
  return key;
}

}  // namespace newsearch
