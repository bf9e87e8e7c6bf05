// Tokenizer for the people tagger (see people_tokens.hpp).
#include "common/people_tokens.hpp"

#include <cctype>

#include "common/people_lexicon.hpp"
#include "common/translit.hpp"

namespace newsearch {
namespace {

bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
bool is_alnum(char c) { return is_upper(c) || is_lower(c) || (c >= '0' && c <= '9'); }

// Code points that are letters for splitting purposes (Latin with accents, Cyrillic).
bool is_word_cp(char32_t c) {
  if (c < 128) return is_alnum(static_cast<char>(c));
  return (c >= 0xC0 && c < 0x250 && c != 0xD7 && c != 0xF7) || (c >= 0x1E00 && c < 0x1F00) ||
         (c >= 0x400 && c < 0x530) || (c >= 0x300 && c < 0x370);
}

bool is_apostrophe(char32_t c) { return c == '\'' || c == 0x2019 || c == 0x2BC; }

void fill(NameToken& t) {
  const std::string& a = t.ascii;
  t.lower = a;
  int letters = 0, uppers = 0;
  for (char& ch : t.lower) {
    if (is_upper(ch)) {
      ch = static_cast<char>(ch - 'A' + 'a');
      ++uppers;
      ++letters;
    } else if (is_lower(ch)) {
      ++letters;
    }
  }
  t.word = !a.empty() && is_alnum(a[0]);
  std::size_t first_letter = 0;
  // al-Turabi, d'Alema, bin-Laden: a short lower-case prefix before a capital
  if (!a.empty() && is_lower(a[0])) {
    std::size_t k = a.find_first_of("-'");
    if (k != std::string::npos && k <= 3 && k + 1 < a.size() && is_upper(a[k + 1]))
      first_letter = k + 1;
  }
  t.cap = first_letter < a.size() && is_upper(a[first_letter]);
  t.all_caps = letters >= 2 && letters == uppers;
  t.initial = a.size() >= 2 && a.back() == '.' && is_upper(a[0]) &&
              (a.size() == 2 || (a.size() >= 4 && a[1] == '.'));
  t.hash = name_hash(t.lower);
  if (!t.word) return;
  const NameLexicon& lex = NameLexicon::get();
  std::string_view bare = NameLexicon::strip_dot(t.lower);
  std::uint64_t bare_hash = bare.size() == t.lower.size() ? t.hash : name_hash(bare);
  t.particle = t.lower.size() >= 2 && t.lower.size() <= 5 && NameLexicon::is_particle(t.lower);
  t.candidate = (t.cap || t.particle) && !(a[0] >= '0' && a[0] <= '9');
  t.role = lex.roles.count(bare_hash) > 0;
  // "Lieutenant-Colonel", "Vice-President": roles joined by hyphens are a role
  if (!t.role && bare.find('-') != std::string_view::npos) {
    bool all_roles = true;
    for (std::size_t from = 0; from <= bare.size() && all_roles;) {
      const std::size_t to = std::min(bare.find('-', from), bare.size());
      all_roles = to > from && lex.roles.count(name_hash(bare.substr(from, to - from))) > 0;
      from = to + 1;
    }
    t.role = all_roles;
  }
  if (t.candidate) {
    t.given = lex.given.count(bare_hash) > 0;
    t.not_name = lex.not_names.count(t.hash) > 0;
  }
}

}  // namespace

NameToken make_name_token(std::string_view text) {
  NameToken t;
  t.end = static_cast<std::uint32_t>(text.size());
  t.ascii = to_latin(text);
  fill(t);
  return t;
}

bool is_all_caps_line(std::string_view text) {
  int upper = 0;
  for (std::size_t i = 0; i < text.size();) {
    char32_t c = next_code_point(text, i);
    if (c < 128) {
      if (c >= 'a' && c <= 'z') return false;
      if (c >= 'A' && c <= 'Z') ++upper;
    } else if ((c >= 0x430 && c <= 0x44F) || (c >= 0xDF && c <= 0xFF)) {
      return false;  // lower-case Cyrillic or accented Latin
    } else {
      ++upper;
    }
  }
  return upper >= 4;
}

void tokenize_names(std::string_view text, std::vector<NameToken>& out) {
  out.reserve(out.size() + text.size() / 5 + 4);
  bool sentence_start = true;
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t start = i;
    char32_t c = next_code_point(text, i);
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0xA0) continue;
    NameToken t;
    t.begin = static_cast<std::uint32_t>(start);
    if (is_word_cp(c)) {
      std::size_t end = i;
      while (end < text.size()) {
        std::size_t j = end;
        char32_t d = next_code_point(text, j);
        if (is_word_cp(d)) {
          end = j;
          continue;
        }
        // joiners: O'Brien, Jean-Claude, J.D. (but Trump's splits off 's)
        if ((is_apostrophe(d) || d == '-' || d == '.') && j < text.size()) {
          std::size_t k = j;
          char32_t e = next_code_point(text, k);
          if (!is_word_cp(e)) break;
          if (is_apostrophe(d)) {
            std::size_t m = k;
            bool s_end = (e == 's' || e == 't') &&
                         (m >= text.size() || !is_word_cp(next_code_point(text, m)));
            if (s_end) break;
          }
          if (d == '.') {
            // only between single letters: J.D., U.S.
            bool single_before = end - start == 1 || (end >= 2 && text[end - 2] == '.');
            std::size_t m = k;
            bool single_after = m >= text.size() || !is_word_cp(next_code_point(text, m));
            if (!(single_before && single_after)) break;
          }
          end = k;
          continue;
        }
        break;
      }
      // keep the dot of an initial: "P." "J.D."
      if (end < text.size() && text[end] == '.') {
        bool single = end - start == 1 || (end >= 2 && text[end - 2] == '.');
        if (single && is_upper(text[start])) ++end;
      }
      i = end;
    } else if (is_apostrophe(c) && i < text.size() && (text[i] == 's' || text[i] == 't') &&
               (i + 1 >= text.size() || !is_alnum(text[i + 1]))) {
      ++i;  // 's as its own token, as in CoNLL
    }
    t.end = static_cast<std::uint32_t>(i);
    std::string_view raw = text.substr(start, i - start);
    bool ascii = true;
    for (char ch : raw) ascii = ascii && static_cast<unsigned char>(ch) < 0x80;
    if (ascii) {
      t.ascii.assign(raw);
    } else {
      t.ascii = to_latin(raw);
      // a symbol with no ASCII form: punctuation all the same
      if (t.ascii.find(' ') != std::string::npos) t.ascii = "?";
    }
    fill(t);
    t.sentence_start = sentence_start && t.word;
    out.push_back(std::move(t));
    const std::string& a = out.back().ascii;
    char a0 = a.size() == 1 ? a[0] : '\0';
    if (out.back().word) {
      sentence_start = false;
    } else if (a0 == '.' || a0 == '!' || a0 == '?' || a0 == ':' || c == 0xAB || c == 0x201C) {
      sentence_start = true;  // quotes and brackets leave the state as it is
    }
  }
}

}  // namespace newsearch
