// Loads the embedded word lists (see people_lexicon.hpp and data/README.md).
#include "common/people_lexicon.hpp"

#include <array>

#include "common/embedded_data.hpp"
#include "common/people.hpp"

namespace newsearch {
namespace {

// Each line of an embedded list, as is (`by_key`: folded with person_key), into a hash set,
// and with `first_words` each line's first word as is.
void load_list(std::string_view name, HashSet64& into, bool by_key = false, HashSet64* first_words = nullptr) {
  auto text = embedded_file(name);
  if (!text) return;
  std::size_t pos = 0;
  while (pos < text->size()) {
    std::size_t nl = text->find('\n', pos);
    if (nl == std::string_view::npos) nl = text->size();
    std::string_view line = text->substr(pos, nl - pos);
    pos = nl + 1;
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.remove_suffix(1);
    if (line.empty() || line[0] == '#') continue;
    const std::string entry = by_key ? person_key(line) : std::string(line);
    into.insert(name_hash(entry));
    if (first_words) first_words->insert(name_hash(line.substr(0, line.find(' '))));
  }
}

}  // namespace

const NameLexicon& NameLexicon::get() {
  static const NameLexicon lex = [] {
    NameLexicon l;
    load_list("given_names.txt", l.given);
    load_list("people_roles.txt", l.roles);
    load_list("people_not_names.txt", l.not_names);
    load_list("people_not_people.txt", l.not_people, true, &l.not_people_first);
    return l;
  }();
  return lex;
}

bool NameLexicon::is_particle(std::string_view w) {
  static constexpr std::array<std::string_view, 25> kParticles = {
      "von", "van", "der", "den", "de", "del", "della", "di", "da", "dos", "das", "du",
      "la", "le", "bin", "ibn", "al", "el", "ter", "ten", "zu", "dal", "degli", "dei",
      "fon"};  // фон, as "фон дер Ляєн" is transliterated
  if (w.empty() || !(w[0] == 'v' || w[0] == 'd' || w[0] == 'l' || w[0] == 'b' || w[0] == 'i' ||
                     w[0] == 'a' || w[0] == 'e' || w[0] == 't' || w[0] == 'z' || w[0] == 'f'))
    return false;
  for (auto p : kParticles)
    if (p == w) return true;
  return false;
}

}  // namespace newsearch
