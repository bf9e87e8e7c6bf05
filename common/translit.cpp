// Cyrillic tables and accent stripping behind to_latin (see translit.hpp).
#include "common/translit.hpp"

#include <algorithm>
#include <cstdint>

namespace newsearch {
namespace {

// Latin letters with diacritics to their ASCII base, generated with Python's
// unicodedata (NFKD, keep ASCII letters) plus hand-written ligatures (ß, æ, ł, ø...).
// An empty entry drops the character (rare phonetic letters).
constexpr const char* kLatin00C0[] = {
    "A", "A", "A", "A", "A", "A", "AE", "C", "E", "E", "E", "E", "I", "I", "I", "I",  // U+00C0
    "D", "N", "O", "O", "O", "O", "O", "", "O", "U", "U", "U", "U", "Y", "Th", "ss",  // U+00D0
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",  // U+00E0
    "d", "n", "o", "o", "o", "o", "o", "", "o", "u", "u", "u", "u", "y", "th", "y",  // U+00F0
    "A", "a", "A", "a", "A", "a", "C", "c", "C", "c", "C", "c", "C", "c", "D", "d",  // U+0100
    "D", "d", "E", "e", "E", "e", "E", "e", "E", "e", "E", "e", "G", "g", "G", "g",  // U+0110
    "G", "g", "G", "g", "H", "h", "H", "h", "I", "i", "I", "i", "I", "i", "I", "i",  // U+0120
    "I", "i", "IJ", "ij", "J", "j", "K", "k", "k", "L", "l", "L", "l", "L", "l", "L",  // U+0130
    "l", "L", "l", "N", "n", "N", "n", "N", "n", "n", "N", "n", "O", "o", "O", "o",  // U+0140
    "O", "o", "OE", "oe", "R", "r", "R", "r", "R", "r", "S", "s", "S", "s", "S", "s",  // U+0150
    "S", "s", "T", "t", "T", "t", "T", "t", "U", "u", "U", "u", "U", "u", "U", "u",  // U+0160
    "U", "u", "U", "u", "W", "w", "Y", "y", "Y", "Z", "z", "Z", "z", "Z", "z", "s",  // U+0170
    "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "",  // U+0180
    "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "",  // U+0190
    "O", "o", "", "", "", "", "", "", "", "", "", "", "", "", "", "U",  // U+01A0
    "u", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "",  // U+01B0
    "", "", "", "", "DZ", "Dz", "dz", "LJ", "Lj", "lj", "NJ", "Nj", "nj", "A", "a", "I",  // U+01C0
    "i", "O", "o", "U", "u", "U", "u", "U", "u", "U", "u", "U", "u", "", "A", "a",  // U+01D0
    "A", "a", "", "", "", "", "G", "g", "K", "k", "O", "o", "O", "o", "", "",  // U+01E0
    "j", "DZ", "Dz", "dz", "G", "g", "", "", "N", "n", "A", "a", "", "", "", "",  // U+01F0
    "A", "a", "A", "a", "E", "e", "E", "e", "I", "i", "I", "i", "O", "o", "O", "o",  // U+0200
    "R", "r", "R", "r", "U", "u", "U", "u", "S", "s", "T", "t", "", "", "H", "h",  // U+0210
    "", "", "", "", "", "", "A", "a", "E", "e", "O", "o", "O", "o", "O", "o",  // U+0220
    "O", "o", "Y", "y", "", "", "", "", "", "", "", "", "", "", "", "",  // U+0230
    "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "",  // U+0240
};
constexpr const char* kLatin1E00[] = {
    "A", "a", "B", "b", "B", "b", "B", "b", "C", "c", "D", "d", "D", "d", "D", "d",  // U+1E00
    "D", "d", "D", "d", "E", "e", "E", "e", "E", "e", "E", "e", "E", "e", "F", "f",  // U+1E10
    "G", "g", "H", "h", "H", "h", "H", "h", "H", "h", "H", "h", "I", "i", "I", "i",  // U+1E20
    "K", "k", "K", "k", "K", "k", "L", "l", "L", "l", "L", "l", "L", "l", "M", "m",  // U+1E30
    "M", "m", "M", "m", "N", "n", "N", "n", "N", "n", "N", "n", "O", "o", "O", "o",  // U+1E40
    "O", "o", "O", "o", "P", "p", "P", "p", "R", "r", "R", "r", "R", "r", "R", "r",  // U+1E50
    "S", "s", "S", "s", "S", "s", "S", "s", "S", "s", "T", "t", "T", "t", "T", "t",  // U+1E60
    "T", "t", "U", "u", "U", "u", "U", "u", "U", "u", "U", "u", "V", "v", "V", "v",  // U+1E70
    "W", "w", "W", "w", "W", "w", "W", "w", "W", "w", "X", "x", "X", "x", "Y", "y",  // U+1E80
    "Z", "z", "Z", "z", "Z", "z", "h", "t", "w", "y", "a", "s", "", "", "SS", "",  // U+1E90
    "A", "a", "A", "a", "A", "a", "A", "a", "A", "a", "A", "a", "A", "a", "A", "a",  // U+1EA0
    "A", "a", "A", "a", "A", "a", "A", "a", "E", "e", "E", "e", "E", "e", "E", "e",  // U+1EB0
    "E", "e", "E", "e", "E", "e", "E", "e", "I", "i", "I", "i", "O", "o", "O", "o",  // U+1EC0
    "O", "o", "O", "o", "O", "o", "O", "o", "O", "o", "O", "o", "O", "o", "O", "o",  // U+1ED0
    "O", "o", "O", "o", "U", "u", "U", "u", "U", "u", "U", "u", "U", "u", "U", "u",  // U+1EE0
    "U", "u", "Y", "y", "Y", "y", "Y", "y", "Y", "y", "", "", "", "", "", "",  // U+1EF0
};

// One Cyrillic letter (lower case): its Latin form, and the form at the start of a
// word where the table has one (Ukrainian Є Ї Й Ю Я; Russian Е Ё after a vowel too).
struct CyrLetter {
  const char* latin;
  const char* initial;
};

// U+0430..U+044F (а..я) then U+0450..U+045F (ѐ..џ), Ukrainian national system 2010.
constexpr CyrLetter kUkrainian[] = {
    {"a", nullptr},  {"b", nullptr},   {"v", nullptr},  {"h", nullptr},   // а б в г
    {"d", nullptr},  {"e", nullptr},   {"zh", nullptr}, {"z", nullptr},   // д е ж з
    {"y", nullptr},  {"i", "y"},       {"k", nullptr},  {"l", nullptr},   // и й к л
    {"m", nullptr},  {"n", nullptr},   {"o", nullptr},  {"p", nullptr},   // м н о п
    {"r", nullptr},  {"s", nullptr},   {"t", nullptr},  {"u", nullptr},   // р с т у
    {"f", nullptr},  {"kh", nullptr},  {"ts", nullptr}, {"ch", nullptr},  // ф х ц ч
    {"sh", nullptr}, {"shch", nullptr}, {"", nullptr},  {"y", nullptr},   // ш щ ъ ы
    {"", nullptr},   {"e", nullptr},   {"iu", "yu"},    {"ia", "ya"},     // ь э ю я
    {"e", nullptr},  {"io", "yo"},     {"dj", nullptr}, {"g", nullptr},   // ѐ ё ђ ѓ
    {"ie", "ye"},    {"dz", nullptr},  {"i", nullptr},  {"i", "yi"},      // є ѕ і ї
    {"j", nullptr},  {"lj", nullptr},  {"nj", nullptr}, {"c", nullptr},   // ј љ њ ћ
    {"k", nullptr},  {"i", nullptr},   {"u", nullptr},  {"dzh", nullptr}, // ќ ѝ ў џ
};

// Same layout, BGN/PCGN for Russian without its diacritics and separators.
constexpr CyrLetter kRussian[] = {
    {"a", nullptr},  {"b", nullptr},   {"v", nullptr},  {"g", nullptr},   // а б в г
    {"d", nullptr},  {"e", "ye"},      {"zh", nullptr}, {"z", nullptr},   // д е ж з
    {"i", nullptr},  {"y", nullptr},   {"k", nullptr},  {"l", nullptr},   // и й к л
    {"m", nullptr},  {"n", nullptr},   {"o", nullptr},  {"p", nullptr},   // м н о п
    {"r", nullptr},  {"s", nullptr},   {"t", nullptr},  {"u", nullptr},   // р с т у
    {"f", nullptr},  {"kh", nullptr},  {"ts", nullptr}, {"ch", nullptr},  // ф х ц ч
    {"sh", nullptr}, {"shch", nullptr}, {"", nullptr},  {"y", nullptr},   // ш щ ъ ы
    {"", nullptr},   {"e", nullptr},   {"yu", nullptr}, {"ya", nullptr},  // ь э ю я
    {"e", "ye"},     {"e", "ye"},      {"dj", nullptr}, {"g", nullptr},   // ѐ ё ђ ѓ
    {"ye", nullptr}, {"dz", nullptr},  {"i", nullptr},  {"yi", nullptr},  // є ѕ і ї
    {"j", nullptr},  {"lj", nullptr},  {"nj", nullptr}, {"c", nullptr},   // ј љ њ ћ
    {"k", nullptr},  {"i", nullptr},   {"u", nullptr},  {"dzh", nullptr}, // ќ ѝ ў џ
};

// Lower-case index into the tables, or -1 (Ґ ґ are handled apart).
int cyr_index(char32_t c, bool& upper) {
  upper = false;
  if (c >= 0x410 && c <= 0x42F) { upper = true; return int(c - 0x410); }
  if (c >= 0x430 && c <= 0x44F) return int(c - 0x430);
  if (c >= 0x400 && c <= 0x40F) { upper = true; return int(c - 0x400) + 32; }
  if (c >= 0x450 && c <= 0x45F) return int(c - 0x450) + 32;
  return -1;
}

bool is_russian_vowel_or_sign(char32_t c) {
  bool up = false;
  int i = cyr_index(c, up);
  // а е и о у ъ ы ь э ю я ё: after these Russian е/ё are written ye/yo
  static constexpr int kVowels[] = {0, 5, 8, 14, 19, 26, 27, 28, 29, 30, 31, 33};
  for (int v : kVowels)
    if (v == i) return true;
  return false;
}

bool is_letter(char32_t c) {
  return (c < 128 && ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')) || (c >= 0xC0 && c != 0xD7 && c != 0xF7);
}

void append_cased(std::string& out, const char* latin, bool upper, bool next_upper) {
  for (const char* p = latin; *p; ++p) {
    char ch = *p;
    // Title case ("Shch") unless the word is in capitals ("SHCH")
    if (upper && (p == latin || next_upper)) ch = static_cast<char>(ch - 'a' + 'A');
    out += ch;
  }
}

bool is_upper_cp(char32_t c) {
  if (c < 128) return c >= 'A' && c <= 'Z';
  return is_cyrillic_capital(c);  // only used to detect CAPITALS words in Cyrillic
}

}  // namespace

bool is_cyrillic(char32_t c) { return (c >= 0x400 && c <= 0x45F) || c == 0x490 || c == 0x491; }

bool is_cyrillic_capital(char32_t c) { return (c >= 0x400 && c <= 0x42F) || c == 0x490; }

bool has_cyrillic(std::string_view utf8) {
  // U+0400-U+04FF are the lead bytes 0xD0-0xD3.
  return std::any_of(utf8.begin(), utf8.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xFC) == 0xD0; });
}

// next_code_point: common/utf8.hpp (one UTF-8 decoder for the project).

CyrillicTable guess_cyrillic_table(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    char32_t c = next_code_point(s, i);
    switch (c) {
      case 0x44B: case 0x42B: case 0x44D: case 0x42D:  // ы Ы э Э
      case 0x451: case 0x401: case 0x44A: case 0x42A:  // ё Ё ъ Ъ
        return CyrillicTable::Russian;
      default:
        break;
    }
  }
  // і ї є ґ are Ukrainian only, and Ukrainian is also the default
  return CyrillicTable::Ukrainian;
}

std::string to_latin(std::string_view s) { return to_latin(s, guess_cyrillic_table(s)); }

std::string to_latin(std::string_view s, CyrillicTable table) {
  std::string out;
  out.reserve(s.size());
  const CyrLetter* tab = table == CyrillicTable::Ukrainian ? kUkrainian : kRussian;
  char32_t prev = ' ';
  for (std::size_t i = 0; i < s.size();) {
    char32_t c = next_code_point(s, i);
    if (c < 128) {
      out += static_cast<char>(c);
    } else if (c >= 0xC0 && c < 0x250) {
      out += kLatin00C0[c - 0xC0];
    } else if (c >= 0x1E00 && c < 0x1F00) {
      out += kLatin1E00[c - 0x1E00];
    } else if (is_cyrillic(c)) {
      std::size_t j = i;
      char32_t next = j < s.size() ? next_code_point(s, j) : U' ';
      bool next_upper = is_upper_cp(next);
      bool upper = false;
      const char* latin = nullptr;
      if (c == 0x490 || c == 0x491) {
        upper = c == 0x490;
        latin = "g";
      } else {
        int idx = cyr_index(c, upper);
        const CyrLetter& l = tab[idx];
        latin = l.latin;
        bool word_start = !is_letter(prev) && prev != '\'' && prev != 0x2019 && prev != 0x2BC;
        bool after_vowel = table == CyrillicTable::Russian && is_russian_vowel_or_sign(prev);
        if (l.initial && (word_start || after_vowel)) latin = l.initial;
        // Ukrainian зг is written zgh so it does not read as the digraph zh
        if (table == CyrillicTable::Ukrainian && idx == 3 && (prev == 0x437 || prev == 0x417))
          latin = "gh";
      }
      append_cased(out, latin, upper, next_upper);
    } else {
      switch (c) {
        case 0x2018: case 0x2019: case 0x02BC: case 0x02B9: case 0x2032:
          out += '\'';
          break;
        case 0xAB: case 0xBB: case 0x201C: case 0x201D: case 0x201E:
          out += '"';
          break;
        case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2212:
          out += '-';
          break;
        default:
          // combining accents vanish; anything else separates words
          if (!(c >= 0x300 && c < 0x370)) out += ' ';
          break;
      }
    }
    prev = c;
  }
  return out;
}

}  // namespace newsearch
