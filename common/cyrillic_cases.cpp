#include "common/cyrillic_cases.hpp"

#include <array>
#include <initializer_list>

#include "common/translit.hpp"
#include "common/utf8.hpp"

namespace newsearch {

namespace {

constexpr std::size_t kCases = 5;                  // genitive, dative, accusative, instrumental, locative
constexpr std::size_t kMaxForms = 128;             // per case, over every word's choices
using CaseEndings = std::array<std::initializer_list<const char*>, kCases>;

struct Declension {
  const char* ending;  // what the nominative ends with, removed before the case ending
  CaseEndings cases;
};

// Longest ending first. "" is a consonant (the word ends in none of the others).
const Declension kDeclensions[] = {
    {"ський", {{{"ського"}, {"ському"}, {"ського"}, {"ським"}, {"ському", "ськім"}}}},
    {"цький", {{{"цького"}, {"цькому"}, {"цького"}, {"цьким"}, {"цькому", "цькім"}}}},
    {"ский", {{{"ского"}, {"скому"}, {"ского"}, {"ским"}, {"ском"}}}},
    {"ний", {{{"ного"}, {"ному"}, {"ного"}, {"ним"}, {"ному", "нім"}}}},
    {"ій", {{{"ія"}, {"ію", "ієві"}, {"ія"}, {"ієм"}, {"ії", "ієві"}}}},
    {"ий", {{{"ия", "ого"}, {"ию", "ому"}, {"ия", "ого"}, {"ием", "им"}, {"ии", "ом"}}}},
    {"ей", {{{"ея"}, {"ею"}, {"ея"}, {"еем"}, {"ее"}}}},
    {"й", {{{"я"}, {"ю", "єві"}, {"я"}, {"єм"}, {"ї", "ю"}}}},
    {"ь", {{{"я"}, {"ю", "еві"}, {"я"}, {"ем"}, {"і", "еві"}}}},
    {"а", {{{"и", "і", "ы"}, {"і", "е"}, {"у"}, {"ою", "ой"}, {"і", "е"}}}},
    {"я", {{{"ї", "и", "і"}, {"ї", "и", "і"}, {"ю"}, {"єю", "ей"}, {"ї", "и", "і"}}}},
    {"о", {{{"а"}, {"у", "ові"}, {"а"}, {"ом"}, {"ові", "і"}}}},
    // (a woman's surname, or a foreign one, stays as it is: "Урсули фон дер Ляєн")
    {"", {{{"а", ""}, {"у", "ові", ""}, {"а", ""}, {"ом", "ем", "им", "ым", ""}, {"і", "ові", "е", ""}}}},
};

// Whether a word starts with a Cyrillic capital (lower-case words are particles: фон, дер).
bool starts_cyrillic_capital(std::string_view w) {
  std::size_t pos = 0;
  return !w.empty() && is_cyrillic_capital(next_code_point(w, pos));
}

bool ends_in_consonant(std::string_view w) {
  static const char* const kNotConsonants[] = {"а", "е", "є", "и", "і", "ї", "о", "у", "ю", "я",
                                               "ы", "э", "ё", "ь", "й", "ъ"};
  if (w.size() < 2 || !has_cyrillic(w.substr(w.size() - 2))) return false;
  for (const char* v : kNotConsonants)
    if (w.ends_with(v)) return false;
  return true;
}

// The forms of one word in each case (the word itself where it does not change).
std::array<std::vector<std::string>, kCases> word_forms(std::string_view w) {
  std::array<std::vector<std::string>, kCases> out;
  if (starts_cyrillic_capital(w) && w.size() >= 6) {  // three letters at least
    for (const Declension& d : kDeclensions) {
      const std::string_view ending(d.ending);
      if (ending.empty() ? !ends_in_consonant(w) : !w.ends_with(ending)) continue;
      const std::string stem(w.substr(0, w.size() - ending.size()));
      for (std::size_t c = 0; c < kCases; ++c)
        for (const char* e : d.cases[c]) out[c].push_back(stem + e);
      return out;
    }
  }
  for (auto& forms : out) forms.emplace_back(w);
  return out;
}

}  // namespace

std::vector<std::string> cyrillic_case_forms(std::string_view name) {
  std::vector<std::string_view> words;
  for (std::size_t i = 0; i < name.size();) {
    const std::size_t start = name.find_first_not_of(' ', i);
    if (start == std::string_view::npos) break;
    const std::size_t end = std::min(name.find(' ', start), name.size());
    words.push_back(name.substr(start, end - start));
    i = end;
  }
  std::vector<std::array<std::vector<std::string>, kCases>> forms;
  bool changes = false;
  for (std::string_view w : words) {
    forms.push_back(word_forms(w));
    changes = changes || forms.back()[0].front() != w;
  }
  std::vector<std::string> out;
  if (!changes) return out;
  for (std::size_t c = 0; c < kCases; ++c) {
    std::vector<std::string> names{""};
    for (const auto& word : forms) {
      std::vector<std::string> longer;
      for (const std::string& head : names)
        for (const std::string& f : word[c])
          if (longer.size() < kMaxForms) longer.push_back(head.empty() ? f : head + " " + f);
      names = std::move(longer);
    }
    out.insert(out.end(), names.begin(), names.end());
  }
  return out;
}

}  // namespace newsearch
