// PeopleExtractor: tagger spans -> cleaned mentions -> in-article coreference -> aliases.
#include "common/people.hpp"

#include <algorithm>
#include <initializer_list>
#include <map>
#include <string_view>

#include "common/aliases.hpp"
#include "common/parse_date.hpp"
#include "common/people_lexicon.hpp"
#include "common/people_tagger.hpp"
#include "common/people_tokens.hpp"
#include "common/translit.hpp"

namespace newsearch {
namespace {

// One stretch of text the tagger reads: a paragraph, the title or a tag.
struct Unit {
  std::string_view text;
  bool tag = false;        // a "Recent news about" tag: accepted only as a whole name
  bool all_caps = false;   // a wire headline: names nothing new (its names count in the gold of CoNLL, but the spec excludes them)
  std::vector<NameToken> tokens;
};

struct Mention {
  std::string display;             // as written, spaces normalised
  std::vector<std::string> words;  // person_key of display, split
  std::string key;
  int order = 0;
  bool tag = false;  // from a "Recent news about" tag
};

std::vector<std::string> split_words(const std::string& key) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  while (pos <= key.size()) {
    std::size_t sp = key.find(' ', pos);
    if (sp == std::string::npos) sp = key.size();
    if (sp > pos) out.push_back(key.substr(pos, sp - pos));
    pos = sp + 1;
  }
  return out;
}

std::string normalise_space(std::string_view s) {
  std::string out;
  for (char c : s) {
    bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r';
    if (space) {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += c;
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

// The mention of the text of tokens [s, e) of a unit.
Mention make_mention(const Unit& u, std::size_t s, std::size_t e, int order) {
  Mention m;
  m.display = normalise_space(u.text.substr(u.tokens[s].begin, u.tokens[e - 1].end - u.tokens[s].begin));
  m.key = person_key(m.display);
  m.words = split_words(m.key);
  m.order = order;
  return m;
}

// Whether a lower-case word is one of a few.
bool is_one_of(std::string_view lower, std::initializer_list<std::string_view> words) {
  return std::find(words.begin(), words.end(), lower) != words.end();
}

bool is_quote(const NameToken& t) { return t.ascii == "\"" || t.ascii == "'"; }

// Whether short names the same person as long: "Zelenskyy", "President Trump" (after
// role stripping), "J. D. Vance", "P. Simmons" inside "Phil Simmons".
bool compatible(const std::vector<std::string>& shorter, const std::vector<std::string>& longer) {
  if (shorter.empty() || shorter.size() >= longer.size()) return false;
  if (shorter.back() != longer.back()) return false;
  std::size_t j = 0;
  for (std::size_t i = 0; i + 1 < shorter.size(); ++i) {
    const std::string& w = shorter[i];
    bool found = false;
    for (; j + 1 < longer.size(); ++j) {
      if (longer[j] == w || (w.size() == 1 && longer[j][0] == w[0])) {
        found = true;
        ++j;
        break;
      }
    }
    if (!found) return false;
  }
  return true;
}

bool is_company_suffix(const NameToken& t) {
  static constexpr std::string_view kSuffixes[] = {
      "inc", "inc.", "corp", "corp.", "corporation", "co", "co.", "ltd", "ltd.", "plc", "llc",
      "ag", "nv", "gmbh", "group", "holdings", "securities", "bros", "brothers"};
  if (!t.cap) return false;
  for (auto s : kSuffixes)
    if (t.lower == s) return true;
  return false;
}

// Keys of the names an article gives to companies: "Chrysler Corp", "Merrill Lynch and Co",
// "E.F. Hutton and Co Inc". The same words elsewhere in the article are the company too.
void company_keys(const std::vector<NameToken>& tk, std::map<std::string, int, std::less<>>& out) {
  for (std::size_t i = 1; i < tk.size(); ++i) {
    if (!is_company_suffix(tk[i]) || is_company_suffix(tk[i - 1])) continue;
    std::size_t e = i;
    if (e >= 2 && (tk[e - 1].lower == "and" || tk[e - 1].ascii == "&")) --e;
    std::size_t s = e;
    while (s > 0 && tk[s - 1].cap && tk[s - 1].word && e - s < 5) --s;
    if (s == e) continue;
    std::string name;
    for (std::size_t k = s; k < e; ++k) (name += tk[k].ascii) += ' ';
    out.emplace(person_key(name), 0);
    // and the first and last words alone are the firm too: "Shearson", "Lynch" of "Shearson
    // Lehman Brothers Inc" and "Merrill Lynch and Co"
    if (e - s >= 2) {
      out.emplace(person_key(tk[s].ascii), 0);
      out.emplace(person_key(tk[e - 1].ascii), 0);
    }
  }
}

// The firms and places of people_not_people.txt that an article names in full ("Merrill
// Lynch", "Nova Scotia"): their first and last words alone are the firm or the place too.
void not_people_words(const std::vector<NameToken>& tk, const NameLexicon& lex,
                      std::map<std::string, int, std::less<>>& out) {
  constexpr std::size_t kLongest = 4;  // words in the longest listed name
  for (std::size_t s = 0; s + 1 < tk.size(); ++s) {
    if (!tk[s].cap || !tk[s].word || !lex.not_people_first.count(tk[s].hash)) continue;
    std::string name = tk[s].ascii;
    for (std::size_t e = s + 1; e < tk.size() && e - s < kLongest; ++e) {
      if (!tk[e].word && tk[e].ascii != "&" && tk[e].ascii != "-") break;
      (name += ' ') += tk[e].ascii;
      if (!tk[e].cap || !tk[e].word) continue;
      const std::string key = person_key(name);
      if (!lex.is_not_person(key)) continue;
      out.emplace(person_key(tk[s].ascii), 0);
      out.emplace(person_key(tk[e].ascii), 0);
    }
  }
}

// A results line of sports copy: "2. Venuste Niyongabo (Burundi) 3:51.01". The rank before
// and the country in brackets after make the words between a name, whatever the tagger made
// of them (it misses many unfamiliar names there).
void mark_results_line(const std::vector<NameToken>& tk, std::vector<std::uint8_t>& labels) {
  if (tk.size() < 6 || tk[1].ascii != ".") return;
  if (!std::all_of(tk[0].ascii.begin(), tk[0].ascii.end(), [](char c) { return c >= '0' && c <= '9'; })) return;
  std::size_t e = 2;
  while (e < tk.size() && e - 2 < 5 && tk[e].word && ((tk[e].cap && !tk[e].all_caps) || tk[e].particle)) ++e;
  if (e - 2 < 2 || e + 1 >= tk.size() || tk[e].ascii != "(" || !tk[e + 1].cap || !tk[e - 1].cap) return;
  for (std::size_t k = 2; k < e; ++k)
    if (tk[k].role || tk[k].not_name || tk[k].initial) return;
  labels[2] = kBegin;
  for (std::size_t k = 3; k < e; ++k) labels[k] = kInside;
}

// A name the alias table lists in full, in any of its case forms ("Кіром Стармером",
// "Володимира Зеленського"), is one span whatever the tagger made of its words: up to four words, each
// capitalised or a particle (von der), the longest listed one.
void mark_listed_names(const std::vector<NameToken>& tk, const AliasTable& aliases,
                       std::vector<std::uint8_t>& labels) {
  constexpr std::size_t kMaxWords = 4;
  for (std::size_t i = 0; i + 1 < tk.size(); ++i) {
    if (!tk[i].word || !tk[i].cap || tk[i].all_caps || !aliases.starts_a_name(person_key(tk[i].ascii))) continue;
    std::size_t end = 0;
    std::string text = tk[i].ascii;
    for (std::size_t j = i + 1; j < tk.size() && j < i + kMaxWords && tk[j].word && (tk[j].cap || tk[j].particle); ++j) {
      text += ' ' + tk[j].ascii;
      if (aliases.lookup(text)) end = j + 1;
    }
    if (!end) continue;
    labels[i] = kBegin;
    for (std::size_t k = i + 1; k < end; ++k) labels[k] = kInside;
    if (end < tk.size() && labels[end] == kInside) labels[end] = kBegin;  // a span the tagger ran on
    i = end - 1;
  }
}

// Words that start a sentence, capitalised, and never a name: "Without Charles, ...",
// "When Smith said". (Not "Said": Edward Said; "Will": Will Smith; "An": An Wang.)
bool opens_no_name(const NameToken& t) {
  return is_one_of(t.lower, {"a",      "the",       "and",       "but",     "or",      "if",     "as",     "at",
                             "by",     "for",       "from",      "in",      "of",      "on",     "to",     "with",
                             "without", "when",     "while",     "after",   "before",  "since",  "until",  "during",
                             "despite", "although", "though",    "like",    "unlike",  "including", "according",
                             "because", "whether",  "where",     "why",     "how",     "what",   "who",    "which",
                             // adverbs and pronouns the tagger took for a surname ("Initially, ...")
                             "also", "already", "another", "perhaps", "together", "thus", "however", "meanwhile",
                             "instead", "initially", "specifically", "similarly", "simultaneously", "separately",
                             "additionally", "finally", "currently", "recently", "previously", "eventually",
                             "apparently", "unfortunately", "fortunately", "ideally", "domestically", "tonight",
                             "today", "yesterday", "tomorrow", "she", "he", "we", "they", "hi", "i'm", "we've",
                             "you've", "i've", "i'd", "i'll", "we're", "you're", "they're", "critics", "colleagues",
                             "reports", "hindsight"});
}

// A lower-case noun after a name that makes it a place or a thing: "Charles de Gaulle
// airport", "the Carl Vinson carrier".
bool names_a_place_after(const NameToken& t) {
  return !t.cap && is_one_of(t.lower, {"airport", "stadium", "arena", "prison", "jail", "hospital", "bridge",
                                       "street", "avenue", "square", "boulevard", "highway", "carrier", "warship",
                                       "frigate", "airline", "airlines", "cement"});
}

// A capitalised noun that makes the name before it (with at most two capitalised words
// between) the name of a place or an institution: "Kennedy Space Center", "John F. Kennedy
// International Airport", "the Bill and Melinda Gates Foundation". Not nouns that are also
// common surnames (Hall, Street, Bridges, Tower).
bool names_an_institution(const NameToken& t) {
  return t.cap && is_one_of(t.lower, {"airport", "center", "centre", "foundation", "institute", "university",
                                      "college", "academy", "memorial", "stadium", "arena", "hospital", "library",
                                      "museum", "avenue", "boulevard", "highway", "prize", "trophy", "digest",
                                      "journal", "gazette", "herald", "tribune", "magazine", "telescope",
                                      "observatory", "dam", "canal", "station", "building"});
}

// Whether the capitalised words right after a name end in such a noun, or the next word is
// one that names a firm or a body ("Reagan Communications", "Orion Royal Bank"; not a day:
// "Clayton Yeutter Monday warned").
bool names_an_institution_after(const std::vector<NameToken>& tk, std::size_t e) {
  if (e < tk.size() && tk[e].word && tk[e].cap && tk[e].not_name && !is_month_or_weekday_name(tk[e].lower)) return true;
  for (std::size_t k = e; k < tk.size() && k < e + 3 && tk[k].word && tk[k].cap; ++k)
    if (names_an_institution(tk[k])) return true;
  return false;
}

// A brand's inner capital: "TikTok", "GitHub", "PayPal", "GlaxoSmithKline" (a capital after
// two lower-case letters or more). Names have theirs after one letter ("McCain", "DiCaprio",
// "LeBron") or after a particle ("MacArthur", "FitzGerald", "VanDyke").
bool is_brand_case(const NameToken& t) {
  const std::string& w = t.ascii;
  if (w.size() < 4 || !(w[0] >= 'A' && w[0] <= 'Z')) return false;
  // "JPMorgan", "USAir" (not an Irish name written without its apostrophe, "OBrien", nor a
  // given name typed with a slip of the shift key, "WIlliam")
  if (w[0] != 'O' && w[1] >= 'A' && w[1] <= 'Z' && w[2] >= 'a' && w[2] <= 'z' && w[3] >= 'a' && w[3] <= 'z')
    return !t.given;
  std::size_t i = 1;
  while (i < w.size() && w[i] >= 'a' && w[i] <= 'z') ++i;
  if (i < 3 || i >= w.size() || !(w[i] >= 'A' && w[i] <= 'Z')) return false;
  return !is_one_of(t.lower.substr(0, i), {"mac", "fitz", "van", "von", "del", "della", "des", "dos", "das", "ten",
                                           "ter"});
}

// Two initials written without dots before a surname: "JD Vance", "AJ Tracey", "MS Dhoni" (a
// country's or a body's letters are no initials: "US Steel", "FA Cup").
bool is_initials_without_dots(const NameToken& t) {
  return t.ascii.size() == 2 && !is_one_of(t.lower, {"us", "uk", "eu", "un", "fa", "fc", "ac", "ap", "tv", "pm", "mp",
                                                     "ny", "la", "dc", "sa", "nz", "hk", "ok", "ai", "it", "pr"});
}

// A capitalised word that makes the name after it a place: "Camp David", "Port Elizabeth",
// "Lake Victoria", "Joint Base Andrews".
bool names_a_place_before(const NameToken& t) {
  return t.cap && is_one_of(t.lower, {"camp", "fort", "lake", "mount", "mt", "cape", "port", "base", "gulf", "isle",
                                      "glacier", "canyon"});
}

// The word before a storm's name.
bool names_a_storm(const NameToken& t) {
  return is_one_of(t.lower, {"storm", "hurricane", "typhoon", "cyclone"});
}

// The names an article gives to storms ("Storm Lorenzo", "Hurricane Humberto"): the name
// alone is the storm too ("Lorenzo weakened overnight").
void storm_names(const std::vector<NameToken>& tk, std::map<std::string, int, std::less<>>& out) {
  for (std::size_t i = 0; i + 1 < tk.size(); ++i)
    if (names_a_storm(tk[i]) && tk[i + 1].cap && tk[i + 1].word) out.emplace(person_key(tk[i + 1].ascii), 0);
}

// Given names that, standing alone, name something else: a bill before parliament, the
// Oscars, Chelsea FC, the Carolinas, a Tory. Not in the lexicon's not-name list, which the
// tagger reads as a feature and would then miss Bill Gates and Carolina Kluft.
bool names_no_one_alone(const NameToken& t) {
  return is_one_of(t.lower, {"bill", "oscar", "oscars", "chelsea", "carolina", "tory", "jr", "sr", "jnr", "snr"});
}

// What follows a name to tell a son from his father: "Jr.", "Sr.".
bool is_generational_suffix(const NameToken& t) { return is_one_of(t.lower, {"jr", "jr.", "sr", "sr.", "jnr", "snr"}); }

// A regnal number: "Charles III", "Benedict XVI", "Henry VIII" (a lone "I" only where no
// lower-case word follows it: "Baudouin I," but not "... Smith I think").
bool is_regnal_number(const std::vector<NameToken>& tk, std::size_t i) {
  const std::string& a = tk[i].ascii;
  if (a.empty() || a.size() > 5 || a.find_first_not_of("IVX") != std::string::npos) return false;
  if (a == "I") return i + 1 >= tk.size() || !tk[i + 1].word || tk[i + 1].cap;
  return true;
}

// A name and the regnal number after it are one name: "Henry VIII", "T. Boone Pickens III";
// after a monarch's or a pope's title, whatever the tagger made of the name: "King Charles
// III", "Pope Leo XIV". (Any capitalised word before a numeral made "Mark IV", "Level V".)
void mark_regnal_numbers(const std::vector<NameToken>& tk, std::vector<std::uint8_t>& labels) {
  for (std::size_t i = 1; i < tk.size(); ++i) {
    if (labels[i] != kOut || !is_regnal_number(tk, i)) continue;
    const NameToken& name = tk[i - 1];
    if (!name.word || !name.cap || name.all_caps || name.role || name.not_name || !name.candidate) continue;
    if (labels[i - 1] == kOut) {
      const bool monarch = i >= 2 && is_one_of(tk[i - 2].lower, {"king", "queen", "pope", "emperor", "empress", "tsar",
                                                                  "czar", "prince", "princess", "sultan", "shah", "kaiser"});
      if (!monarch) continue;
      labels[i - 1] = kBegin;
    }
    labels[i] = kInside;
  }
}

bool is_place_initials(const NameToken& t) {
  return t.lower == "u.s." || t.lower == "u.k." || t.lower == "u.n." || t.lower == "e.u.";
}

// "Australian", "Korean", "Chinese", "Spanish": the adjective before a name, not a name.
bool looks_like_demonym(std::string_view lower) {
  for (std::string_view ending : {"ian", "ean", "can", "ese", "ish"})
    if (lower.size() > ending.size() + 2 && lower.ends_with(ending)) return true;
  return false;
}

// "... wrote on X. Musk said": the platform X ending a sentence, not an initial.
bool is_platform_x(const std::vector<NameToken>& tk, std::size_t i) {
  return tk[i].lower == "x." && i > 0 && tk[i - 1].word && !tk[i - 1].cap;
}

// Initials before a capitalised word are a name whatever the tagger thought:
// "J.D. Vance", "P. Simmons" (but "U.S. Senate" is not).
void mark_initials(const std::vector<NameToken>& tk, std::vector<std::uint8_t>& labels) {
  for (std::size_t i = 0; i < tk.size(); ++i) {
    if (!tk[i].initial || is_place_initials(tk[i]) || labels[i] != kOut) continue;
    if (is_platform_x(tk, i)) continue;
    std::size_t j = i;
    while (j < tk.size() && tk[j].initial && !is_place_initials(tk[j])) ++j;
    if (j >= tk.size() || !tk[j].cap || tk[j].all_caps || !tk[j].word) continue;
    if (tk[j].not_name || (looks_like_demonym(tk[j].lower) && !tk[j].given)) continue;  // "S. Korea", "S. African"
    if (labels[j] == kOut || labels[j] == kBegin) {
      labels[i] = kBegin;
      for (std::size_t k = i + 1; k <= j; ++k) labels[k] = kInside;
    }
    i = j;
  }
}


// Whether the word before a lone surname is its bearer's given name: a known given name
// that is no title, month or place word. (Any capitalised word the article never writes in
// lower case was tried too: on CoNLL-2003 dev it completed no more names, on Reuters-21578
// it made people of firms: "Usines Renault", "Credit Suisse".)
bool is_given_name_before(const NameToken& t) {
  if (!t.word || !t.cap || t.all_caps || t.initial || t.role || !t.candidate || t.particle || t.not_name ||
      names_a_storm(t))
    return false;
  // the given-name list holds words that more often head a place or a firm
  return t.given && !is_one_of(t.lower, {"north", "south", "east", "west", "new", "port", "park", "court", "bank",
                                         "san", "santa", "st", "saint", "fort", "mount", "lake", "cape", "costa",
                                         "dean", "morgan", "georgia", "may"});
}

// "Leeds North West", "Surrey South West": constituencies, not people.
bool is_compass(const NameToken& t) { return is_one_of(t.lower, {"north", "south", "east", "west"}); }

// A list of names, as sports copy gives a team ("Given, Breen, Staunton, Irwin, McAteer"):
// when most items of a comma-separated list of capitalised names are people the article
// names, the others are people too.
void complete_name_lists(const std::vector<Unit>& units, const std::vector<std::vector<bool>>& covered,
                         const NameDocContext& doc, std::vector<Mention>& mentions) {
  std::map<std::string, int, std::less<>> known_last;  // surnames of full names
  for (const Mention& m : mentions)
    if (m.words.size() >= 2) known_last.emplace(m.words.back(), 0);
  struct Item {
    std::size_t s, e;
    bool known;  // covered by a name, or ending in the surname of a full name
  };
  for (std::size_t ui = 0; ui < units.size(); ++ui) {
    const Unit& u = units[ui];
    if (u.tag || u.all_caps) continue;
    const auto& tk = u.tokens;
    std::vector<Item> items;
    auto flush = [&] {
      const auto known = static_cast<std::size_t>(std::count_if(items.begin(), items.end(), [](const Item& it) { return it.known; }));
      if (items.size() >= 4 && known * 2 >= items.size() && known >= 2) {
        for (const Item& it : items) {
          bool skip = it.known;
          for (std::size_t t = it.s; t < it.e; ++t)
            skip = skip || tk[t].not_name || tk[t].role || tk[t].all_caps || is_compass(tk[t]);
          if (skip) continue;
          Mention m = make_mention(u, it.s, it.e, int(ui) * 100000 + int(it.s));
          if (!m.words.empty()) mentions.push_back(std::move(m));
        }
      }
      items.clear();
    };
    std::size_t start = 0;
    for (std::size_t i = 0; i <= tk.size(); ++i) {
      const bool comma = i < tk.size() && tk[i].ascii == ",";
      const bool end = i == tk.size() || (!tk[i].word && !comma && tk[i].ascii != "'");
      if (!comma && !end) continue;
      // the item [start, i): one to three capitalised words
      bool name = i > start && i - start <= 3;
      // (a sentence's first word too, unless the article writes it in lower case: "Ireland:
      // Given, Breen, ..." but not "However, ...")
      for (std::size_t t = start; t < i && name; ++t)
        name = tk[t].word && (tk[t].cap || tk[t].particle) &&
               (!tk[t].sentence_start || (!opens_no_name(tk[t]) && !doc.lower_words.count(tk[t].hash)));
      if (name && tk[i - 1].cap) {
        bool known = known_last.count(person_key(tk[i - 1].ascii)) > 0;
        for (std::size_t t = start; t < i && !known; ++t) known = covered[ui][t];
        items.push_back({start, i, known});
      } else {
        flush();
      }
      if (end) flush();
      start = i + 1;
    }
  }
}

// A surname the article names alone ("Eyles played his best squash") where the tagger
// missed the full name ("Australian Rodney Eyles"): the capitalised word before one of its
// occurrences, when it reads as a given name, makes the full name a mention, and
// coreference then joins the lone surname to it.
void complete_lone_surnames(const std::vector<Unit>& units, const std::vector<std::vector<bool>>& covered,
                            std::vector<Mention>& mentions) {
  std::map<std::string, int, std::less<>> lone, in_full_names;
  for (const Mention& m : mentions)
    if (m.words.size() >= 2)
      for (const std::string& w : m.words) in_full_names.emplace(w, 0);
  for (const Mention& m : mentions)
    if (m.words.size() == 1 && m.words[0].size() > 1 && !in_full_names.count(m.words[0])) lone.emplace(m.words[0], 0);
  if (lone.empty()) return;
  std::map<std::string, int, std::less<>> done;
  for (std::size_t ui = 0; ui < units.size(); ++ui) {
    const Unit& u = units[ui];
    if (u.tag || u.all_caps) continue;
    const auto& tk = u.tokens;
    for (std::size_t i = 1; i < tk.size(); ++i) {
      if (!tk[i].cap || tk[i].all_caps || !tk[i].candidate) continue;
      const std::string key = person_key(tk[i].ascii);
      if (!lone.count(key) || done.count(key) || looks_like_demonym(tk[i].lower)) continue;
      const NameToken& before = tk[i - 1];
      if (!is_given_name_before(before) || (covered[ui].size() > i - 1 && covered[ui][i - 1])) continue;
      // not the middle of a longer capitalised run ("Aung San Suu Kyi", "Real Madrid")
      // other than a demonym or a title ("Australian Rodney Eyles")
      if (i >= 2 && tk[i - 2].cap && tk[i - 2].word && !tk[i - 2].role && !tk[i - 2].sentence_start &&
          !looks_like_demonym(tk[i - 2].lower))
        continue;
      if (i + 1 < tk.size() && tk[i + 1].cap && tk[i + 1].word) continue;
      Mention m = make_mention(u, i - 1, i + 1, int(ui) * 100000 + int(i - 1));
      if (m.words.size() != 2) continue;
      done.emplace(key, 0);
      mentions.push_back(std::move(m));
    }
  }
}

}  // namespace

struct PeopleExtractor::Impl {
  AliasTable aliases;
  const PeopleTagger& tagger = PeopleTagger::builtin();
  const NameLexicon& lex = NameLexicon::get();

  // Turns tagger output over one unit into mentions.
  void spans(const Unit& u, const std::vector<std::uint8_t>& labels, int base,
             std::vector<Mention>& out) const;
  // Cleans one span [s, e) and appends it as a mention if it still names a person.
  void add_span(const Unit& u, std::size_t s, std::size_t e, int order, std::vector<Mention>& out) const;
};

void PeopleExtractor::Impl::add_span(const Unit& u, std::size_t s, std::size_t e, int order,
                                     std::vector<Mention>& out) const {
  const auto& tk = u.tokens;
  // a name after a title or role: "Polish Prime Minister Donald Tusk", "Mayor Oleksandr..."
  for (std::size_t i = e - 1; i > s; --i) {
    // (not a surname that is a title before Jr: "Martin Luther King Jr.")
    if (tk[i - 1].role && !is_generational_suffix(tk[i])) {
      s = i;
      break;
    }
  }
  while (s < e && (!tk[s].cap || tk[s].role || opens_no_name(tk[s]) || is_platform_x(tk, s))) ++s;
  while (e > s && !tk[e - 1].cap) --e;
  if (s >= e || e - s > 5) return;
  // a place named after someone: "Charles de Gaulle airport", "Ellis Park stadium"
  if (e < tk.size() && names_a_place_after(tk[e])) return;
  if (names_an_institution_after(tk, e)) return;
  // a firm's name: "Donaldson Lufkin & Jenrette", "Marks & Spencer", "Procter & Gamble"
  if ((e < tk.size() && tk[e].ascii == "&") || (s > 0 && tk[s - 1].ascii == "&")) return;
  // (after a given name the word is a surname: "Mike Lake", "Stephen Cape")
  if ((s > 0 && names_a_place_before(tk[s - 1])) || (e - s > 1 && names_a_place_before(tk[s]))) return;
  for (std::size_t i = s; i < e; ++i)
    if (tk[i].cap && tk[i].lower == "base") return;  // "Joint Base Andrews"
  // a storm given a name: "Storm Boris", "Hurricane Katrina"
  if (s > 0 && names_a_storm(tk[s - 1])) return;
  if (e - s > 1 && names_a_storm(tk[s])) return;
  // "Jan Kroslak" is a name, a lone "Jan" a month; "Friday Smith" is Smith; "Fox News" nobody
  if (e - s > 1 && tk[s].not_name && !tk[s].given) ++s;
  for (std::size_t i = s; i < e; ++i) {
    if (tk[i].not_name && (i > s || e - s == 1)) return;
    // (a brand's capital opening a longer name may be a given name's: "MaliVai Washington")
    if (is_brand_case(tk[i]) && !(i == s && e - s > 1)) return;
  }
  // the rest of a brand's name: "JPMorgan Chase", "YouTube Music"
  if (s > 0 && is_brand_case(tk[s - 1])) return;
  for (std::size_t i = s; i < e; ++i) {
    if (tk[i].all_caps && !tk[i].initial && !u.all_caps && !(i + 1 == e && i > s && is_regnal_number(tk, i)) &&
        !(i == s && e - s > 1 && is_initials_without_dots(tk[i])))
      return;  // NATO, BBC
  }
  if (e - s == 1 && (tk[s].initial || names_no_one_alone(tk[s]))) return;
  // a quoted title or nickname on its own: «Big Brother», "Servant of the People"
  if (s > 0 && e < tk.size() && is_quote(tk[s - 1]) && is_quote(tk[e])) return;
  Mention m = make_mention(u, s, e, order);
  // a place or a firm that reads as a name: "El Paso", "Dean Witter" (and so no surname
  // for the one-sense rule to find elsewhere)
  if (m.words.empty() || lex.is_not_person(m.key)) return;
  m.tag = u.tag;
  out.push_back(std::move(m));
}

void PeopleExtractor::Impl::spans(const Unit& u, const std::vector<std::uint8_t>& labels, int base,
                                  std::vector<Mention>& out) const {
  const auto& tk = u.tokens;
  std::size_t n = tk.size();
  for (std::size_t i = 0; i < n;) {
    if (labels[i] != kBegin) {
      ++i;
      continue;
    }
    std::size_t e = i + 1;
    while (e < n && labels[e] == kInside) ++e;
    std::size_t b = i;
    // von der Leyen, van Gogh: particles the tagger left out, then a capitalised word
    std::size_t p = e;
    while (p < n && tk[p].particle && !tk[p].cap) ++p;
    if (p > e && p < n && tk[p].cap && labels[p] != kBegin && !tk[p].not_name) e = p + 1;
    if (u.tag) {
      // a tag is a person only when the whole tag is one name
      bool whole = true;
      for (std::size_t k = 0; k < n; ++k)
        if ((k < b || k >= e) && tk[k].word) whole = false;
      if (!whole) return;
    }
    add_span(u, b, e, base + int(b), out);
    i = e;
  }
}

PeopleExtractor::PeopleExtractor(std::shared_ptr<const AliasTable> aliases) : impl_(std::make_unique<Impl>()) {
  impl_->aliases = AliasTable::builtin();
  if (aliases) impl_->aliases.merge(*aliases);
}
PeopleExtractor::~PeopleExtractor() = default;
PeopleExtractor::PeopleExtractor(PeopleExtractor&&) noexcept = default;
PeopleExtractor& PeopleExtractor::operator=(PeopleExtractor&&) noexcept = default;

std::vector<Person> PeopleExtractor::extract(const Article& article) const {
  const Impl& im = *impl_;
  // body first, then title, then tags: the order of first mention follows the body
  std::vector<Unit> units;
  units.reserve(article.paragraphs.size() + 1 + article.tags.size());
  for (const Paragraph& p : article.paragraphs) units.push_back(Unit{p.text, false, false, {}});
  units.push_back(Unit{article.title, false, false, {}});
  for (const std::string& t : article.tags) units.push_back(Unit{t, true, false, {}});
  NameDocContext doc;
  for (Unit& u : units) {
    u.all_caps = is_all_caps_line(u.text);
    if (u.all_caps) continue;
    tokenize_names(u.text, u.tokens);
    if (!u.tag) doc.add_candidates(u.tokens);
  }
  for (const Unit& u : units)
    if (!u.tag) doc.add_lower(u.tokens);

  std::vector<Mention> mentions;
  std::vector<std::uint8_t> labels;
  std::vector<std::vector<bool>> covered(units.size());
  for (std::size_t ui = 0; ui < units.size(); ++ui) {
    const Unit& u = units[ui];
    if (u.tokens.empty()) continue;
    im.tagger.tag(u.tokens, 0, u.tokens.size(), doc, labels);
    mark_initials(u.tokens, labels);
    mark_results_line(u.tokens, labels);
    mark_regnal_numbers(u.tokens, labels);
    // (in Cyrillic text, where names inflect; the tagger knows English names' shapes, and a
    // lookup of every capitalised word cost a fifth of the extraction's time)
    if (has_cyrillic(u.text)) mark_listed_names(u.tokens, im.aliases, labels);
    covered[ui].assign(u.tokens.size(), false);
    for (std::size_t i = 0; i < u.tokens.size(); ++i) covered[ui][i] = labels[i] != kOut;
    im.spans(u, labels, int(ui) * 100000, mentions);
  }

  // A one-word tag ("Climate", "Zelenskyi") is a person only when the body names them: alone,
  // the tagger has no context to tell a surname from a topic.
  std::erase_if(mentions, [&](const Mention& t) {
    if (!t.tag || t.words.size() != 1) return false;
    return std::none_of(mentions.begin(), mentions.end(), [&](const Mention& m) {
      return !m.tag && std::find(m.words.begin(), m.words.end(), t.words[0]) != m.words.end();
    });
  });

  // One sense per article: a surname found once is a mention wherever it stands alone. So is
  // a name the alias table lists alone ("Putin", "Trump"): the tagger misses such a name
  // where the article never writes it in full ("Zelensky met Putin.").
  std::map<std::string, int, std::less<>> surnames;
  for (const Mention& m : mentions)
    if (m.words.back().size() > 1) surnames.emplace(m.words.back(), 0);
  for (std::size_t ui = 0; ui < units.size(); ++ui) {
    const Unit& u = units[ui];
    const auto& tk = u.tokens;
    for (std::size_t i = 0; i < tk.size(); ++i) {
      if (covered[ui][i] || !tk[i].cap || tk[i].all_caps || !is_name_candidate(tk[i])) continue;
      if (u.tag) continue;
      if (tk[i].not_name || names_no_one_alone(tk[i])) continue;
      if (i + 1 < tk.size() && tk[i + 1].cap) continue;
      std::string key = person_key(tk[i].ascii);
      const bool listed = im.aliases.lookup(key) != nullptr;
      // a capital before: part of a longer name, unless it only opens the sentence and the
      // name is listed ("Зателефонував Зеленському.")
      if (i > 0 && tk[i - 1].cap && !tk[i - 1].role && !(listed && tk[i - 1].sentence_start)) continue;
      if (!surnames.count(key) && !listed) continue;
      Mention m;
      m.display = std::string(u.text.substr(tk[i].begin, tk[i].end - tk[i].begin));
      m.key = key;
      m.words = {key};
      m.order = int(ui) * 100000 + int(i);
      mentions.push_back(std::move(m));
    }
  }
  complete_name_lists(units, covered, doc, mentions);
  complete_lone_surnames(units, covered, mentions);
  // Keys the article gives to firms, listed places and storms: no person's.
  std::map<std::string, int, std::less<>> not_people;
  for (const Unit& u : units) {
    company_keys(u.tokens, not_people);
    not_people_words(u.tokens, im.lex, not_people);
    storm_names(u.tokens, not_people);
  }
  std::erase_if(mentions, [&](const Mention& m) { return not_people.count(m.key) > 0 || im.lex.is_not_person(m.key); });
  std::stable_sort(mentions.begin(), mentions.end(),
                   [](const Mention& a, const Mention& b) { return a.order < b.order; });

  // Coreference: each distinct key joins the longest compatible full name.
  std::map<std::string, std::size_t, std::less<>> key_count;
  std::map<std::string, std::vector<std::string>, std::less<>> key_words;
  for (const Mention& m : mentions) {
    ++key_count[m.key];
    key_words.emplace(m.key, m.words);
  }
  // a lone "Volodymyr" is the first name of a full name, unless it is someone's surname
  std::map<std::string, int, std::less<>> last_words;
  for (const auto& [key, words] : key_words)
    if (words.size() >= 2) last_words.emplace(words.back(), 0);
  std::map<std::string, std::string, std::less<>> parent;  // key -> cluster key
  for (const auto& [key, words] : key_words) {
    const std::string* best = nullptr;
    for (const auto& [other, owords] : key_words) {
      bool first_name = words.size() == 1 && owords.size() >= 2 && owords.front() == words[0] &&
                        !last_words.count(words[0]);
      if (!compatible(words, owords) && !first_name) continue;
      if (!best || key_words[*best].size() < owords.size() ||
          (key_words[*best].size() == owords.size() && key_count[*best] < key_count[other]))
        best = &other;
    }
    parent[key] = best ? *best : key;
  }
  // chains (J. Vance -> J.D. Vance) resolve to the top
  for (auto& [key, p] : parent) {
    for (int guard = 0; guard < 8 && parent[p] != p; ++guard) p = parent[p];
  }

  struct Cluster {
    int order;
    int mentions = 0;
    std::map<std::string, std::pair<int, int>> displays;  // display -> (count, words)
  };
  std::map<std::string, Cluster, std::less<>> clusters;
  for (const Mention& m : mentions) {
    const std::string& c = parent[m.key];
    auto [it, fresh] = clusters.try_emplace(c, Cluster{m.order, 0, {}});
    it->second.mentions++;
    auto& d = it->second.displays[m.display];
    d.first++;
    d.second = int(m.words.size());
  }

  std::vector<std::string> author_keys;
  for (const std::string& a : article.authors) author_keys.push_back(person_key(a));
  std::vector<std::pair<int, Person>> people;
  std::map<std::string, std::size_t> by_key;
  for (const auto& [ckey, c] : clusters) {
    // the fullest spelling, then the most frequent, then the first in byte order
    const std::string* display = nullptr;
    std::pair<int, int> best{-1, -1};
    for (const auto& [d, cw] : c.displays) {
      std::pair<int, int> score{cw.second, cw.first};
      if (score > best) {
        best = score;
        display = &d;
      }
    }
    Person p;
    p.display = *display;
    if (const std::string* alias = im.aliases.lookup(p.display)) p.display = *alias;
    p.key = person_key(p.display);
    p.mentions = c.mentions;
    bool is_author = false;
    for (const std::string& a : author_keys) {
      auto aw = split_words(a);
      if (a == p.key || compatible(split_words(p.key), aw)) is_author = true;
    }
    if (is_author || p.key.empty()) continue;
    auto it = by_key.find(p.key);
    if (it != by_key.end()) {
      auto& [o, q] = people[it->second];
      q.mentions += p.mentions;
      o = std::min(o, c.order);
      continue;
    }
    by_key.emplace(p.key, people.size());
    people.emplace_back(c.order, std::move(p));
  }
  std::stable_sort(people.begin(), people.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<Person> out;
  out.reserve(people.size());
  for (auto& [o, p] : people) out.push_back(std::move(p));
  return out;
}

}  // namespace newsearch
