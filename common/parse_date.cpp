#include "common/parse_date.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>
#include <vector>

#include "common/analyzer.hpp"
#include "common/utf8.hpp"

namespace newsearch {

namespace {

constexpr std::array<std::string_view, 12> kMonths = {"january", "february", "march",     "april",
                                                      "may",     "june",     "july",      "august",
                                                      "september", "october", "november", "december"};
constexpr std::array<std::string_view, 7> kWeekdays = {"monday", "tuesday", "wednesday", "thursday",
                                                       "friday", "saturday", "sunday"};

// A token of a date line: a number (with its digit count), a word, or a time HH:MM[:SS].
struct Token {
  enum Kind { kNumber, kWord, kTime, kSeparator } kind = kWord;
  int value = 0;
  int digits = 0;
  int hour = 0, minute = 0;
  std::string text;
  char sep = 0;
};

// Ukrainian and Russian month names by their first three letters (any case ending:
// "березня", "березень"; "марта", "март").
constexpr std::pair<std::string_view, int> kCyrillicMonths[] = {
    {"січ", 1}, {"лют", 2}, {"бер", 3}, {"кві", 4}, {"тра", 5}, {"чер", 6},  {"лип", 7},
    {"сер", 8}, {"вер", 9}, {"жов", 10}, {"лис", 11}, {"гру", 12}, {"янв", 1}, {"фев", 2},
    {"мар", 3}, {"апр", 4}, {"мая", 5}, {"май", 5}, {"июн", 6},  {"июл", 7},  {"авг", 8},
    {"сен", 9}, {"окт", 10}, {"ноя", 11}, {"дек", 12}};

int month_from_word(std::string_view w) {
  if (!w.empty() && static_cast<unsigned char>(w[0]) >= 0x80) {
    for (const auto& [stem, month] : kCyrillicMonths)
      if (w.starts_with(stem)) return month;
    return 0;
  }
  if (w.size() < 3) return 0;
  for (std::size_t i = 0; i < kMonths.size(); ++i) {
    // Full name or an abbreviation of at least three letters ("Sept", "Mar").
    if (kMonths[i].substr(0, w.size()) == w) return static_cast<int>(i) + 1;
  }
  return 0;
}

bool is_weekday(std::string_view w) {
  if (w.size() < 3) return false;
  for (auto d : kWeekdays)
    if (d.substr(0, w.size()) == w) return true;
  return false;
}

// What news sites write around a date: "Published 21:09 BST, 1 March 2025", "Updated on
// March 1, 2025". Zones are dropped, as the date is kept as written.
bool is_date_lead_or_zone(std::string_view w) {
  static constexpr std::string_view kWords[] = {"published", "updated", "posted", "last", "first", "on", "bst", "cet",
                                                "cest", "eet", "eest", "est", "edt", "cst", "cdt", "pst", "pdt", "msk"};
  return std::find(std::begin(kWords), std::end(kWords), w) != std::end(kWords);
}

std::optional<std::vector<Token>> tokenize(std::string_view s) {
  std::vector<Token> out;
  std::size_t i = 0;
  while (i < s.size()) {
    const char c = s[i];
    if (std::isdigit(static_cast<unsigned char>(c))) {
      std::size_t j = i;
      int v = 0;
      while (j < s.size() && std::isdigit(static_cast<unsigned char>(s[j])) && j - i < 9)
        v = v * 10 + (s[j++] - '0');
      if (j < s.size() && s[j] == ':' && j - i <= 2 && j + 2 < s.size() + 1) {
        // HH:MM[:SS]
        std::size_t k = j + 1;
        int m = 0, md = 0;
        while (k < s.size() && std::isdigit(static_cast<unsigned char>(s[k])) && md < 2)
          m = m * 10 + (s[k++] - '0'), ++md;
        if (md != 2) return std::nullopt;
        if (k < s.size() && s[k] == ':') {  // seconds, dropped
          ++k;
          int sd = 0;
          while (k < s.size() && std::isdigit(static_cast<unsigned char>(s[k])) && sd < 2) ++k, ++sd;
          if (sd != 2) return std::nullopt;
          if (k < s.size() && s[k] == '.')  // fractional seconds
            for (++k; k < s.size() && std::isdigit(static_cast<unsigned char>(s[k])); ++k) {
            }
        }
        Token t;
        t.kind = Token::kTime;
        t.hour = v;
        t.minute = m;
        out.push_back(t);
        i = k;
        continue;
      }
      Token t;
      t.kind = Token::kNumber;
      t.value = v;
      t.digits = static_cast<int>(j - i);
      out.push_back(t);
      i = j;
      // Ordinal suffixes: 1st, 2nd, 3rd, 4th
      if (i + 1 < s.size()) {
        std::string suf{static_cast<char>(std::tolower(static_cast<unsigned char>(s[i]))),
                        static_cast<char>(std::tolower(static_cast<unsigned char>(s[i + 1])))};
        if (suf == "st" || suf == "nd" || suf == "rd" || suf == "th") {
          if (i + 2 >= s.size() || !std::isalpha(static_cast<unsigned char>(s[i + 2]))) i += 2;
        }
      }
    } else if (std::isalpha(static_cast<unsigned char>(c))) {
      std::size_t j = i;
      std::string w;
      while (j < s.size() && std::isalpha(static_cast<unsigned char>(s[j])))
        w += static_cast<char>(std::tolower(static_cast<unsigned char>(s[j++])));
      Token t;
      t.kind = Token::kWord;
      t.text = w;
      out.push_back(t);
      i = j;
    } else if (static_cast<unsigned char>(c) >= 0x80) {
      // A word in another script (Cyrillic month names), lower-cased.
      std::size_t j = i;
      while (j < s.size() && static_cast<unsigned char>(s[j]) >= 0x80) ++j;
      Token t;
      t.kind = Token::kWord;
      t.text = fold_accents(s.substr(i, j - i));
      out.push_back(t);
      i = j;
    } else if (c == '-' || c == '.' || c == '/' || c == '+') {
      Token t;
      t.kind = Token::kSeparator;
      t.sep = c;
      out.push_back(t);
      ++i;
    } else if (c == ',' || c == ' ' || c == '\t') {
      ++i;
    } else {
      return std::nullopt;  // anything else (letters of other scripts, symbols): not a date
    }
  }
  return out;
}

bool valid(const ArticleDate& d) {
  return d.year >= 1000 && d.year <= 9999 && d.month >= 1 && d.month <= 12 && d.day >= 1 &&
         d.day <= days_in_month(d.year, d.month) && d.hour <= 23 && d.minute <= 59;
}

}  // namespace

bool is_month_or_weekday_name(std::string_view lower) {
  return std::find(kMonths.begin(), kMonths.end(), lower) != kMonths.end() ||
         std::find(kWeekdays.begin(), kWeekdays.end(), lower) != kWeekdays.end();
}

int days_in_month(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return 0;
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

std::optional<ArticleDate> parse_date(std::string_view text) {
  text = trim(text);
  if (text.empty() || text.size() > 80) return std::nullopt;
  // "Updated: March 1, 2025", "Posted: 2025-03-01": the lead and its colon
  for (std::string_view lead : {"published:", "updated:", "posted:", "last updated:", "first published:"}) {
    if (text.size() > lead.size() && std::equal(lead.begin(), lead.end(), text.begin(), [](char a, char b) {
          return a == std::tolower(static_cast<unsigned char>(b));
        })) {
      text = trim(text.substr(lead.size()));
      break;
    }
  }
  auto tokens = tokenize(text);
  if (!tokens) return std::nullopt;

  ArticleDate d;
  std::vector<Token> rest;
  bool have_time = false;
  // Time, time zone ("Z", "+02:00", "UTC", "GMT"), weekday and "at" are taken out first.
  for (std::size_t i = 0; i < tokens->size(); ++i) {
    const Token& t = (*tokens)[i];
    if (t.kind == Token::kTime) {
      if (have_time) {
        // a second time right after '+' or '-' is a zone offset
        if (!rest.empty() && rest.back().kind == Token::kSeparator &&
            (rest.back().sep == '+' || rest.back().sep == '-')) {
          rest.pop_back();
          continue;
        }
        return std::nullopt;
      }
      if (t.hour > 23 || t.minute > 59) return std::nullopt;
      d.hour = t.hour;
      d.minute = t.minute;
      have_time = true;
      continue;
    }
    if (t.kind == Token::kWord) {
      if (t.text == "t" || t.text == "z" || t.text == "utc" || t.text == "gmt" ||
          t.text == "at" || t.text == "of" || is_weekday(t.text) || is_date_lead_or_zone(t.text))
        continue;
      if (t.text == "am" || t.text == "pm") {
        if (!have_time || d.hour > 12 || d.hour == 0) return std::nullopt;
        if (t.text == "pm" && d.hour < 12) d.hour += 12;
        if (t.text == "am" && d.hour == 12) d.hour = 0;
        continue;
      }
      // ISO date immediately followed by T glued to time: "2025-03-01T21" is tokenized as
      // number, word "t", time; handled above.
      if (month_from_word(t.text) == 0) return std::nullopt;
    }
    rest.push_back(t);
  }
  // Drop a trailing zone offset ("+02:00" becomes '+' then a time above; "+0200" a number).
  if (rest.size() >= 2 && rest[rest.size() - 2].kind == Token::kSeparator &&
      (rest[rest.size() - 2].sep == '+' || rest[rest.size() - 2].sep == '-') &&
      rest.back().kind == Token::kNumber && rest.back().digits == 4 && have_time) {
    rest.resize(rest.size() - 2);
  }
  if (!rest.empty() && rest.back().kind == Token::kSeparator &&
      (rest.back().sep == '+' || rest.back().sep == '-'))
    rest.pop_back();

  // Numeric forms: Y-M-D, Y/M/D, D.M.Y, D/M/Y, D-M-Y.
  std::vector<Token> numbers, words;
  std::vector<char> seps;
  for (const auto& t : rest) {
    if (t.kind == Token::kNumber) numbers.push_back(t);
    if (t.kind == Token::kWord) words.push_back(t);
    if (t.kind == Token::kSeparator) seps.push_back(t.sep);
  }
  if (words.empty()) {
    if (numbers.size() != 3) return std::nullopt;
    if (numbers[0].digits == 4) {
      d.year = numbers[0].value;
      d.month = numbers[1].value;
      d.day = numbers[2].value;
    } else if (numbers[2].digits == 4 && numbers[0].digits <= 2 && numbers[1].digits <= 2) {
      d.day = numbers[0].value;  // day first, as outside the US
      d.month = numbers[1].value;
      d.year = numbers[2].value;
    } else {
      return std::nullopt;
    }
  } else {
    // Month by name: "01 March, 2025", "March 1, 2025", "1 Mar 2025".
    if (words.size() != 1 || numbers.size() != 2) return std::nullopt;
    d.month = month_from_word(words[0].text);
    const Token* year = nullptr;
    const Token* day = nullptr;
    for (const auto& n : numbers) {
      if (n.digits == 4 && !year)
        year = &n;
      else if (n.digits <= 2 && !day)
        day = &n;
    }
    if (!year || !day) return std::nullopt;
    d.year = year->value;
    d.day = day->value;
    for (char s : seps)
      if (s == '/' || s == '+') return std::nullopt;
  }
  if (!valid(d)) return std::nullopt;
  return d;
}

std::optional<ArticleDate> parse_date_bound(std::string_view text, bool upper) {
  text = trim(text);
  std::vector<int> parts;
  std::vector<int> digits;
  std::size_t i = 0;
  while (i < text.size()) {
    if (!std::isdigit(static_cast<unsigned char>(text[i]))) return std::nullopt;
    int v = 0, n = 0;
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])) && n < 5)
      v = v * 10 + (text[i++] - '0'), ++n;
    parts.push_back(v);
    digits.push_back(n);
    if (i < text.size()) {
      if (text[i] != '-' && text[i] != '.' && text[i] != '/') return std::nullopt;
      if (++i == text.size()) return std::nullopt;
    }
  }
  if (parts.empty() || parts.size() > 3 || digits[0] != 4) return std::nullopt;
  for (std::size_t k = 1; k < digits.size(); ++k)
    if (digits[k] > 2) return std::nullopt;
  ArticleDate d;
  d.year = parts[0];
  d.month = parts.size() > 1 ? parts[1] : (upper ? 12 : 1);
  if (d.month < 1 || d.month > 12) return std::nullopt;
  d.day = parts.size() > 2 ? parts[2] : (upper ? days_in_month(d.year, d.month) : 1);
  d.hour = upper ? 23 : 0;
  d.minute = upper ? 59 : 0;
  if (!valid(d)) return std::nullopt;
  return d;
}

}  // namespace newsearch
