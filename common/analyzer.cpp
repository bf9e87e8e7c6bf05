#include "common/analyzer.hpp"

#include <libstemmer.h>

#include <algorithm>
#include <array>
#include <stdexcept>
#include <unordered_map>

#include "common/utf8.hpp"

namespace newsearch {

namespace {

#include "common/latin_fold.inc"

constexpr std::array<std::pair<std::string_view, std::string_view>, 29> kIsoCodes = {{
    {"ar", "arabic"},     {"hy", "armenian"},   {"eu", "basque"},    {"ca", "catalan"},
    {"da", "danish"},     {"nl", "dutch"},      {"en", "english"},   {"fi", "finnish"},
    {"fr", "french"},     {"de", "german"},     {"el", "greek"},     {"hi", "hindi"},
    {"hu", "hungarian"},  {"id", "indonesian"}, {"ga", "irish"},     {"it", "italian"},
    {"lt", "lithuanian"}, {"ne", "nepali"},     {"no", "norwegian"}, {"pt", "portuguese"},
    {"ro", "romanian"},   {"ru", "russian"},    {"sr", "serbian"},   {"es", "spanish"},
    {"sv", "swedish"},    {"ta", "tamil"},      {"tr", "turkish"},   {"yi", "yiddish"},
    {"uk", "ukrainian"},
}};

// Lower-cases one code point (Xapian's Unicode tables, ASCII fast path).
char32_t lower(char32_t c) {
  if (c < 0x80) return (c >= 'A' && c <= 'Z') ? c + 32 : c;
  return static_cast<char32_t>(Xapian::Unicode::tolower(static_cast<unsigned>(c)));
}

// Stems with libstemmer after folding accents. Owned by a Xapian::Stem (refcounted).
class SnowballStemmer : public Xapian::StemImplementation {
 public:
  explicit SnowballStemmer(const std::string& language)
      : language_(language), stemmer_(sb_stemmer_new(language.c_str(), "UTF_8")) {
    if (!stemmer_) throw std::invalid_argument("unknown Snowball language: " + language);
  }
  ~SnowballStemmer() override { sb_stemmer_delete(stemmer_); }
  SnowballStemmer(const SnowballStemmer&) = delete;
  SnowballStemmer& operator=(const SnowballStemmer&) = delete;

  // News vocabulary is Zipfian: most words repeat, so remembering stems saves most of the
  // Snowball work when indexing and when highlighting snippets.
  std::string operator()(const std::string& word) override {
    if (auto it = cache_.find(word); it != cache_.end()) return it->second;
    const std::string folded = fold_accents(word);
    const sb_symbol* out = sb_stemmer_stem(
        stemmer_, reinterpret_cast<const sb_symbol*>(folded.data()), static_cast<int>(folded.size()));
    std::string stem = out ? std::string(reinterpret_cast<const char*>(out),
                                         static_cast<std::size_t>(sb_stemmer_length(stemmer_)))
                           : folded;  // out of memory in libstemmer: index the folded word
    if (cache_.size() >= kCacheEntries) cache_.clear();
    cache_.emplace(word, stem);
    return stem;
  }
  std::string get_description() const override { return "snowball:" + language_; }

 private:
  static constexpr std::size_t kCacheEntries = 200000;
  std::string language_;
  sb_stemmer* stemmer_;
  std::unordered_map<std::string, std::string> cache_;
};

// Folds accents only: the "stemmer" of --language none.
class FoldOnlyStemmer : public Xapian::StemImplementation {
 public:
  std::string operator()(const std::string& word) override { return fold_accents(word); }
  std::string get_description() const override { return "fold"; }
};

}  // namespace

std::string fold_accents(std::string_view utf8) {
  std::string out;
  out.reserve(utf8.size());
  for (std::size_t i = 0; i < utf8.size();) {
    const auto byte = static_cast<unsigned char>(utf8[i]);
    if (byte < 0x80) {
      out += static_cast<char>(lower(byte));
      ++i;
      continue;
    }
    char32_t c = lower(next_code_point(utf8, i));
    if (c >= 0xC0 && c <= 0x24F) {
      const char* base = kLatinFold[c - 0xC0];
      if (*base) {
        out += base;
        continue;
      }
    }
    if (c == 0x451) c = 0x435;  // ё -> е, as Russian text mostly writes it
    append_utf8(out, c);
  }
  return out;
}

std::vector<std::string> snowball_languages() {
  std::vector<std::string> out;
  for (const char** p = sb_stemmer_list(); *p; ++p) out.emplace_back(*p);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::string canonical_language(std::string_view name) {
  std::string lowered = fold_accents(name);
  for (const auto& [code, full] : kIsoCodes)
    if (lowered == code) return std::string(full);
  return lowered;
}

std::string language_code(std::string_view snowball_name) {
  for (const auto& [code, full] : kIsoCodes)
    if (snowball_name == full) return std::string(code);
  return std::string(snowball_name);
}

bool is_snowball_language(std::string_view name) {
  const std::string canonical = canonical_language(name);
  if (canonical == "none") return true;
  const auto all = snowball_languages();
  return std::find(all.begin(), all.end(), canonical) != all.end();
}

Analyzer::Analyzer(const std::string& language) : language_(canonical_language(language)) {
  if (language_ == "none")
    stem_ = Xapian::Stem(new FoldOnlyStemmer);
  else
    stem_ = Xapian::Stem(new SnowballStemmer(language_));
}

void Analyzer::configure(Xapian::TermGenerator& stemmed, Xapian::TermGenerator& exact) const {
  stemmed.set_stemmer(stem_);
  stemmed.set_stemming_strategy(Xapian::TermGenerator::STEM_ALL_Z);
  stemmed.set_flags(Xapian::TermGenerator::FLAG_CJK_NGRAM);
  exact.set_stemming_strategy(Xapian::TermGenerator::STEM_NONE);
  exact.set_flags(Xapian::TermGenerator::FLAG_CJK_NGRAM);
}

void Analyzer::configure(Xapian::QueryParser& parser) const {
  parser.set_stemmer(stem_);
  parser.set_stemming_strategy(Xapian::QueryParser::STEM_ALL_Z);
  // English function words need not match (as with Lucene's English analyzer): "what is the
  // capital of France" asks for capital and France. Xapian keeps them inside phrases, after
  // '+', and where the query is made of nothing else ("the who").
  if (language_ == "english") {
    static constexpr const char* kStopwords[] = {
        "a",    "an",    "and",  "are",  "as",    "at",    "be",   "but",   "by",  "for", "from", "if",
        "in",   "into",  "is",   "it",   "its",   "of",    "on",   "or",    "such", "that", "the", "their",
        "then", "there", "these", "they", "this", "to",    "was",  "were",  "will", "with", "what", "which",
        "who",  "whom",  "how",  "when", "where", "why"};
    parser.set_stopper((new Xapian::SimpleStopper(std::begin(kStopwords), std::end(kStopwords)))->release());
  }
}

std::string Analyzer::stemmed_term(std::string_view word, std::string_view prefix) const {
  std::string lowered;
  for (std::size_t i = 0; i < word.size();) append_utf8(lowered, lower(next_code_point(word, i)));
  return "Z" + std::string(prefix) + stem_(lowered);
}

}  // namespace newsearch
