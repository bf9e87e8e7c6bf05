#include "searcher/snippet_passage.hpp"

#include <algorithm>
#include <bitset>
#include <cctype>
#include <map>
#include <set>
#include <vector>

#include "common/bigrams.hpp"
#include "common/people.hpp"
#include "searcher/print_text.hpp"

namespace newsearch {

namespace {

bool is_word_byte(unsigned char c) { return std::isalnum(c) || c >= 0x80; }

char ascii_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

// Back to a word boundary at or before `at` (never inside a UTF-8 sequence).
std::size_t word_start_before(std::string_view text, std::size_t at) {
  while (at > 0 && is_word_byte(static_cast<unsigned char>(text[at - 1]))) --at;
  return at;
}

// Forward to a word boundary at or after `at`.
std::size_t word_end_after(std::string_view text, std::size_t at) {
  while (at < text.size() && is_word_byte(static_cast<unsigned char>(text[at]))) ++at;
  return at;
}

// Where the sentence holding `at` starts, looking back at most `limit` bytes.
std::size_t sentence_start(std::string_view text, std::size_t at, std::size_t limit) {
  const std::size_t floor = at > limit ? at - limit : 0;
  for (std::size_t i = at; i > floor; --i) {
    const char c = text[i - 1];
    if (c == '\n') return i;
    if ((c == '.' || c == '!' || c == '?') && i < text.size() && text[i] == ' ') return i + 1;
  }
  return floor == 0 ? 0 : word_start_before(text, floor);
}

// Stems as the analyzer does, with two exceptions: a word starting with an ASCII letter that
// no probe starts with is returned as it is (when `gate`), and a word that folds to a
// person's word of `variants` is given the query stem it stands for.
class SnippetStemmer : public Xapian::StemImplementation {
 public:
  SnippetStemmer(Xapian::Stem stemmer, const std::vector<std::string>& probes, bool gate,
                 std::map<std::string, std::string> variants)
      : stemmer_(std::move(stemmer)), gate_(gate), variants_(std::move(variants)) {
    for (const auto& p : probes) first_letters_.set(static_cast<unsigned char>(p[0]));
    for (const auto& [key, stem] : variants_) first_letters_.set(static_cast<unsigned char>(key[0]));
  }
  std::string operator()(const std::string& word) override {
    if (gate_ && !word.empty()) {
      const auto first = static_cast<unsigned char>(ascii_lower(word[0]));
      if (first < 0x80 && std::isalpha(first) && !first_letters_.test(first)) return word;
    }
    if (!variants_.empty()) {
      if (auto v = variants_.find(person_key(without_possessive(word))); v != variants_.end()) return v->second;
    }
    return stemmer_(word);
  }
  std::string get_description() const override { return "snippet:" + stemmer_.get_description(); }

 private:
  static std::string_view without_possessive(std::string_view word) {
    for (std::string_view s : {std::string_view("'s"), std::string_view("\xE2\x80\x99s")})
      if (word.size() > s.size() && word.ends_with(s)) return word.substr(0, word.size() - s.size());
    return word;
  }

  Xapian::Stem stemmer_;
  bool gate_;
  std::map<std::string, std::string> variants_;
  std::bitset<256> first_letters_;
};

}  // namespace

Xapian::Stem snippet_stemmer(const Xapian::Stem& stemmer, const std::string& language,
                             const std::vector<std::string>& probes,
                             const std::map<std::string, std::string>& name_variants) {
  // Snowball's stemmers for Indonesian and Irish strip prefixes: no first-letter gate.
  const bool gate = language != "indonesian" && language != "irish" && !probes.empty();
  if (!gate && name_variants.empty()) return stemmer;
  return Xapian::Stem(new SnippetStemmer(stemmer, probes, gate, name_variants));
}

bool has_positional_subquery(const Xapian::Query& query) {
  const auto op = query.get_type();
  if (op == Xapian::Query::OP_PHRASE || op == Xapian::Query::OP_NEAR) return true;
  // A two-word phrase answered from its pair's term (phrase_bigrams.hpp).
  if (op == Xapian::Query::LEAF_TERM && is_bigram_term(*query.get_terms_begin())) return true;
  for (std::size_t i = 0; i < query.get_num_subqueries(); ++i)
    if (has_positional_subquery(query.get_subquery(i))) return true;
  return false;
}

Xapian::Query highlight_query(const Xapian::Query& query) {
  std::vector<Xapian::Query> words;
  for (auto t = query.get_unique_terms_begin(); t != query.get_unique_terms_end(); ++t)
    if (!is_bigram_term(*t)) words.emplace_back(*t);  // a pair is no word of the text
  return Xapian::Query(Xapian::Query::OP_OR, words.begin(), words.end());
}

std::vector<std::string> snippet_probes(const Xapian::Query& query,
                                        const std::map<std::string, std::string>& name_variants) {
  std::set<std::string> probes;
  auto add = [&](std::string word) {  // less its last letter, from 4 letters on
    if (word.size() >= 4) word.pop_back();
    probes.insert(std::move(word));
  };
  for (const auto& [key, stem] : name_variants) add(key);
  for (auto t = query.get_unique_terms_begin(); t != query.get_unique_terms_end(); ++t) {
    std::string term = *t;
    // Body terms only: "Zstem" or an unprefixed lower-case word (prefixes are upper case).
    if (!term.empty() && term[0] == 'Z') term.erase(0, 1);
    if (term.empty() || (term[0] >= 'A' && term[0] <= 'Z')) continue;
    add(std::move(term));
  }
  return {probes.begin(), probes.end()};
}

Passage snippet_passage(std::string_view body, const std::vector<std::string>& probes, std::size_t span,
                        std::size_t fallback) {
  auto first_bytes = [&](std::size_t n) {
    if (body.size() <= n) return Passage{body, false, false};
    const std::size_t end = word_start_before(body, n);
    return Passage{body.substr(0, end > 0 ? end : n), false, true};
  };
  if (probes.empty() || body.size() <= span) return first_bytes(fallback);

  std::string lower(body);
  std::transform(lower.begin(), lower.end(), lower.begin(), ascii_lower);
  struct Hit {
    std::size_t at;
    std::size_t probe;
  };
  std::vector<Hit> hits;
  for (std::size_t p = 0; p < probes.size(); ++p) {
    for (std::size_t at = lower.find(probes[p]); at != std::string::npos; at = lower.find(probes[p], at + 1))
      if (at == 0 || !is_word_byte(static_cast<unsigned char>(lower[at - 1]))) hits.push_back({at, p});
  }
  if (hits.empty()) {
    // In plain ASCII text no accent can hide a query word: the match is elsewhere (the
    // title, a field), and the article's opening is the snippet.
    const bool ascii = std::all_of(body.begin(), body.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
    return first_bytes(ascii ? span : fallback);
  }
  std::sort(hits.begin(), hits.end(), [](const Hit& a, const Hit& b) { return a.at < b.at; });

  // Slide a window of `span` bytes over the hits: the most distinct probes, then most hits.
  std::vector<std::size_t> in_window(probes.size(), 0);
  std::size_t distinct = 0, best_distinct = 0, best_count = 0, best_first = 0;
  for (std::size_t first = 0, last = 0; first < hits.size(); ++first) {
    while (last < hits.size() && hits[last].at < hits[first].at + span) {
      if (in_window[hits[last].probe]++ == 0) ++distinct;
      ++last;
    }
    if (distinct > best_distinct || (distinct == best_distinct && last - first > best_count)) {
      best_distinct = distinct;
      best_count = last - first;
      best_first = first;
    }
    if (--in_window[hits[first].probe] == 0) --distinct;
  }

  const std::size_t start = sentence_start(body, hits[best_first].at, span / 4);
  const std::size_t end = std::min(body.size(), word_end_after(body, std::min(body.size(), start + span)));
  return Passage{body.substr(start, end - start), start > 0, end < body.size()};
}

std::string snippet_from_word_start(const std::string& snippet, std::string_view passage, std::string_view ellipsis) {
  constexpr std::size_t kNeedle = 16;   // visible bytes of the snippet's start to look for
  constexpr std::size_t kMaxHead = 24;  // how far back the word's start may be
  if (!snippet.starts_with(ellipsis)) return snippet;
  const std::string_view rest = std::string_view(snippet).substr(ellipsis.size());
  if (rest.empty() || is_word_byte(static_cast<unsigned char>(rest[0])) || rest.starts_with("<mark>")) return snippet;
  // The start as the passage has it: without the highlighting, unescaped.
  const std::string needle = snippet_for_terminal(std::string(rest), false).substr(0, kNeedle);
  const std::size_t at = passage.find(needle);
  if (needle.empty() || at == std::string_view::npos || at == 0 || passage.find(needle, at + 1) != std::string_view::npos)
    return snippet;
  std::size_t from = at;
  while (from > 0 && at - from < kMaxHead && !std::isspace(static_cast<unsigned char>(passage[from - 1]))) --from;
  if (from == at || (from > 0 && !std::isspace(static_cast<unsigned char>(passage[from - 1])))) return snippet;
  std::string head;
  for (char c : passage.substr(from, at - from)) {
    switch (c) {
      case '&': head += "&amp;"; break;
      case '<': head += "&lt;"; break;
      case '>': head += "&gt;"; break;
      default: head += c;
    }
  }
  return std::string(ellipsis) + head + std::string(rest);
}

}  // namespace newsearch
