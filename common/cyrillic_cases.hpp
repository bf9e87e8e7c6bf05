#pragma once
// The case forms of a name written in Cyrillic, as Ukrainian and Russian news inflect it:
// "Кір Стармер" is "Кіра Стармера", "Кіру Стармеру", "Кіром Стармером"...; "Володимир
// Зеленський" is "Володимира Зеленського"; "Путін" is "Путіним". The alias table registers
// them, so an inflected name is the person its nominative names. Endings by the word's last
// letters (consonant, -ий, -ій, -й, -а, -я, -о, -ь; a consonant may also stay, as a woman's
// or a foreign surname does); other words (Рютте, Мелоні) and words in lower case (фон, дер)
// do not change. Both languages' endings are given for each case,
// as a name's language is not known; a form that is no word of either finds nothing.
#include <string>
#include <string_view>
#include <vector>

namespace newsearch {

/// The genitive, dative, accusative, instrumental and locative forms of name (every word in
/// the same case); empty when name has no Cyrillic word that changes.
std::vector<std::string> cyrillic_case_forms(std::string_view name);

}  // namespace newsearch
