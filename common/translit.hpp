#pragma once
#include "common/utf8.hpp"
// Script and accent folding for names: any Latin or Cyrillic spelling to plain ASCII.
#include <cstddef>
#include <string>
#include <string_view>

namespace newsearch {



/// A Cyrillic letter the tables know (U+0400-U+045F, Ґ ґ); and one in upper case.
bool is_cyrillic(char32_t c);
bool is_cyrillic_capital(char32_t c);
/// Whether UTF-8 text holds a character of the Cyrillic block (a scan of lead bytes, no
/// decoding: cheap enough for every sentence).
bool has_cyrillic(std::string_view utf8);

/// Which official table turns Cyrillic into Latin.
enum class CyrillicTable {
  Ukrainian,  ///< Ukrainian national system, Cabinet of Ministers resolution 55 of 2010
  Russian,    ///< BGN/PCGN 1947 without diacritics (the spelling of English-language news)
};

/// The table for a string: Russian if it has a letter only Russian uses (ы э ё ъ),
/// otherwise Ukrainian (the archive's main Cyrillic language; і ї є ґ are Ukrainian only).
CyrillicTable guess_cyrillic_table(std::string_view utf8);

/// Transliterates Cyrillic and strips accents (é to e, ß to ss, ł to l), keeping case,
/// so the result is ASCII. Typographic apostrophes become ', dashes -, and other
/// non-ASCII symbols a space.
std::string to_latin(std::string_view utf8, CyrillicTable table);
std::string to_latin(std::string_view utf8);  ///< with guess_cyrillic_table(utf8)

}  // namespace newsearch
