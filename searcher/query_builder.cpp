#include "searcher/query_builder.hpp"

#include <algorithm>

#include "common/parse_date.hpp"
#include "common/people.hpp"
#include "common/people_tokens.hpp"
#include "common/schema.hpp"
#include "common/utf8.hpp"
#include "searcher/date_terms.hpp"
#include "searcher/name_variants.hpp"
#include "searcher/phrase_bigrams.hpp"
#include "searcher/synonyms.hpp"

namespace newsearch {

namespace {

constexpr Xapian::termcount kMaxWildcardExpansion = 200;

// The words of text as the index's tokenizer makes its unstemmed terms.
std::vector<std::string> unstemmed_terms(const std::string& text) {
  Xapian::TermGenerator words;
  Xapian::Document tmp;
  words.set_document(tmp);
  words.index_text_without_positions(text);
  return {tmp.termlist_begin(), tmp.termlist_end()};
}

// What the person: fields of the query being parsed on this thread asked for: the name as
// typed (without titles), and the weighted query on the name's words (see build()).
struct PersonsAsked {
  std::vector<std::string> names;
  std::vector<Xapian::Query> words;
};
thread_local PersonsAsked t_persons;

// person:NAME -> every word of the folded name among one article's people's words.
class PersonFieldProcessor : public Xapian::FieldProcessor {
  // "President Reagan", "Prime Minister Mark Rutte": the index holds names without their
  // titles (the extractor strips them), so the query does too, keeping at least one word.
  // A title is what the extractor's tokens call a role.
  static std::string without_titles(const std::string& value) {
    std::size_t start = value.find_first_not_of(' ');
    while (start != std::string::npos) {
      const std::size_t end = value.find(' ', start);
      const std::size_t next = value.find_first_not_of(' ', end);
      if (next == std::string::npos || !make_name_token(value.substr(start, end - start)).role) return value.substr(start);
      start = next;
    }
    return value;
  }

 public:
  Xapian::Query operator()(const std::string& value) override {
    const Field f = *find_field("person");
    const std::string name = without_titles(value);
    const std::string key = person_key(name);
    if (key.empty()) return Xapian::Query::MatchNothing;
    std::vector<Xapian::Query> words;
    std::size_t start = 0;
    while (start < key.size()) {
      std::size_t end = key.find(' ', start);
      if (end == std::string::npos) end = key.size();
      if (end > start) words.emplace_back(std::string(f.prefix) + key.substr(start, end - start));
      start = end + 1;
    }
    // Every word of the name among one article's people's words. That holds the canonical
    // person too (the indexer adds each word of each person's key), and its estimate is the
    // exact count for a one-word name, where "key OR words" doubled it.
    Xapian::Query all_words(Xapian::Query::OP_AND, words.begin(), words.end());
    t_persons.names.push_back(name);
    t_persons.words.push_back(all_words);
    return all_words;
  }
};

// The first bad date of the query being parsed on this thread (a QueryBuilder is per thread).
// The processor does not throw it: an exception out of a FieldProcessor leaks the parser's
// state inside Xapian 1.4 (about 700 bytes a query; found by fuzz_query).
thread_local std::string t_date_error;

// date:2025-03-01, date:2025-03, date:2025, date:A..B, date:A.., date:..B
class DateFieldProcessor : public Xapian::FieldProcessor {
 public:
  explicit DateFieldProcessor(const std::optional<DaySpan>* archive) : archive_(archive) {}
  Xapian::Query operator()(const std::string& value) override {
    std::string error;
    auto q = QueryBuilder::date_query(value, &error, *archive_);
    if (!q) {
      if (t_date_error.empty()) t_date_error = error;
      return Xapian::Query::MatchNothing;
    }
    return *q;
  }

 private:
  const std::optional<DaySpan>* archive_;  // the builder's, refreshed for every query
};

// More terms than this (an archive spanning centuries) filter no faster than the value slot.
constexpr std::size_t kMaxDateCoverTerms = 400;

// The dates lo..hi (either end open) as a filter: terms within the archive's span when it is
// known, else a range over the date slot. Both give the same documents.
Xapian::Query date_range(const std::optional<ArticleDate>& lo, const std::optional<ArticleDate>& hi,
                         const std::optional<DaySpan>& archive) {
  using namespace std::chrono;
  auto day = [](const ArticleDate& d) {
    return year_month_day{year{d.year}, month{static_cast<unsigned>(d.month)}, std::chrono::day{static_cast<unsigned>(d.day)}};
  };
  if (archive) {
    const year_month_day from = lo ? std::max(day(*lo), archive->first) : archive->first;
    const year_month_day to = hi ? std::min(day(*hi), archive->last) : archive->last;
    if (sys_days{to} < sys_days{from}) return Xapian::Query::MatchNothing;
    const auto terms = date_cover_terms(from, to);
    if (terms.size() <= kMaxDateCoverTerms) return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
  }
  if (lo && hi) return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, kSlotDate, lo->sortable(), hi->sortable());
  if (lo) return Xapian::Query(Xapian::Query::OP_VALUE_GE, kSlotDate, lo->sortable());
  return Xapian::Query(Xapian::Query::OP_VALUE_LE, kSlotDate, hi->sortable());
}

}  // namespace

std::optional<Xapian::Query> QueryBuilder::date_query(const std::string& value, std::string* error,
                                                      const std::optional<DaySpan>& archive) {
  const auto dots = value.find("..");
  auto fail = [&](const std::string& bad) -> std::optional<Xapian::Query> {
    if (error)
      *error = "bad date '" + bad + "' in date:" + value +
               " (use YYYY, YYYY-MM, YYYY-MM-DD, or a range FROM..TO with either end open)";
    return std::nullopt;
  };
  if (dots == std::string::npos) {
    auto lo = parse_date_bound(value, false);
    if (!lo) return fail(value);
    const std::string ymd = lo->iso_day();
    const std::string compact = ymd.substr(0, 4) + ymd.substr(5, 2) + ymd.substr(8, 2);
    const auto parts = std::count(value.begin(), value.end(), '-') + std::count(value.begin(), value.end(), '.') +
                       std::count(value.begin(), value.end(), '/');
    if (parts == 0) return Xapian::Query(std::string(kPrefixYear) + compact.substr(0, 4));
    if (parts == 1) return Xapian::Query(std::string(kPrefixMonth) + compact.substr(0, 6));
    return Xapian::Query(std::string(kPrefixDay) + compact);
  }
  const std::string from = value.substr(0, dots), to = value.substr(dots + 2);
  if (from.empty() && to.empty()) return fail(value);
  std::optional<ArticleDate> lo, hi;
  if (!from.empty() && !(lo = parse_date_bound(from, false))) return fail(from);
  if (!to.empty() && !(hi = parse_date_bound(to, true))) return fail(to);
  if (lo && hi) {
    if (hi->sortable() < lo->sortable()) {
      if (error) *error = "empty date range date:" + value + " (the end is before the start)";
      return std::nullopt;
    }
  }
  return date_range(lo, hi, archive);
}

std::vector<std::string> QueryBuilder::field_names() {
  std::vector<std::string> names;
  for (const auto& f : kFields)
    if (f.name != "body") names.emplace_back(f.name);
  return names;
}

QueryBuilder::QueryBuilder(const Xapian::Database& db, const std::string& language,
                           std::shared_ptr<const Synonyms> synonyms)
    : db_(db), analyzer_(language), synonyms_(std::move(synonyms)) {
  analyzer_.configure(parser_);
  parser_.set_database(db_);
  parser_.set_max_expansion(kMaxWildcardExpansion, Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT);
  // One loop over the schema table sets up every field (notmuch style).
  for (const auto& f : kFields) {
    switch (f.kind) {
      case FieldKind::kFreeText:
        if (!f.prefix.empty()) parser_.add_prefix(std::string(f.name), std::string(f.prefix));
        break;
      case FieldKind::kBoolean:
        parser_.add_boolean_prefix(std::string(f.name), std::string(f.prefix));
        break;
      case FieldKind::kPerson:
        // Boolean, so a quoted name reaches the processor whole: person:"Mark Rutte".
        parser_.add_boolean_prefix(std::string(f.name), (new PersonFieldProcessor)->release());
        break;
      case FieldKind::kDate:
        parser_.add_boolean_prefix(std::string(f.name), (new DateFieldProcessor(&archive_))->release());
        break;
      case FieldKind::kInternal:
        break;
    }
  }
}

QueryBuilder::~QueryBuilder() = default;

Result<BuiltQuery> QueryBuilder::build(const std::string& text, const QueryOptions& options) {
  BuiltQuery out;
  archive_ = archive_days(db_);  // the database may have been reopened since the last query
  out.frontend = rewrite_query(text, field_names(), synonyms_.get());
  const FrontendResult& fe = out.frontend;

  parser_.set_default_op(options.any ? Xapian::Query::OP_OR : Xapian::Query::OP_AND);
  unsigned flags = Xapian::QueryParser::FLAG_PHRASE | Xapian::QueryParser::FLAG_BOOLEAN |
                   Xapian::QueryParser::FLAG_LOVEHATE | Xapian::QueryParser::FLAG_WILDCARD |
                   Xapian::QueryParser::FLAG_PURE_NOT | Xapian::QueryParser::FLAG_CJK_NGRAM;
  if (options.spelling) flags |= Xapian::QueryParser::FLAG_SPELLING_CORRECTION;
  // Operators Xapian could read differently from the front end: none at all, so no rule of
  // Xapian 1.4's grammar can fail (and leak the token it was looking at).
  if (fe.without_operators)
    flags &= ~(Xapian::QueryParser::FLAG_BOOLEAN | Xapian::QueryParser::FLAG_LOVEHATE);

  Xapian::Query main;
  if (!trim(fe.query).empty()) {
    try {
      t_date_error.clear();
      t_persons = {};
      main = parser_.parse_query(fe.query, flags);
      if (!t_date_error.empty()) return Error{t_date_error, "", 2};
    } catch (const Xapian::QueryParserError& e) {
      const std::string msg = e.get_msg();
      if (!t_date_error.empty()) return Error{t_date_error, "", 2};
      if (msg.starts_with("bad date") || msg.starts_with("empty date")) return Error{msg, "", 2};
      // A query Xapian's grammar rejects ("war AND", "*"): read it as plain words.
      try {
        t_persons = {};
        main = parser_.parse_query(fe.query, flags & ~(Xapian::QueryParser::FLAG_BOOLEAN |
                                                       Xapian::QueryParser::FLAG_WILDCARD |
                                                       Xapian::QueryParser::FLAG_LOVEHATE));
        if (!t_date_error.empty()) return Error{t_date_error, "", 2};
        out.frontend.notices.push_back("query syntax not understood (" + msg + "): searched as plain words");
      } catch (const Xapian::QueryParserError& e2) {
        return Error{"cannot parse query: " + std::string(e2.get_msg()), "see newsearch --help for the syntax", 2};
      }
    }
    if (options.spelling) out.corrected = parser_.get_corrected_query_string();
  }

  // A name in another spelling than the articles': "zelensky" finds "Zelenskyy" too.
  const std::map<std::string, std::string> variants = person_word_variants(unstemmed_terms(fe.query), analyzer_, db_);
  main = with_person_words(main, variants);
  const std::size_t person_prefix = find_field("person")->prefix.size();
  for (const auto& [stemmed, person_term] : variants)
    if (stemmed.starts_with('Z')) out.name_variants.emplace(person_term.substr(person_prefix), stemmed.substr(1));

  std::vector<Xapian::Query> filters;
  // Exact forms: the unstemmed terms (as the index's tokenizer makes them); for a phrase,
  // the stemmed phrase (positions live on stemmed terms) filtered to articles that also
  // have each exact word.
  auto exact_terms = [](const std::string& text) {
    const std::vector<std::string> words = unstemmed_terms(text);
    return Xapian::Query(Xapian::Query::OP_AND, words.begin(), words.end());
  };
  for (const auto& w : fe.exact_words) filters.push_back(exact_terms(w));
  for (const auto& p : fe.exact_phrases) {
    Xapian::Query phrase = parser_.parse_query("\"" + p + "\"", Xapian::QueryParser::FLAG_PHRASE);
    filters.push_back(Xapian::Query(Xapian::Query::OP_FILTER, phrase, exact_terms(p)));
  }
  for (auto& f : filters) main = main.empty() ? f : Xapian::Query(Xapian::Query::OP_AND, main, f);
  if (bigrams_) main = with_bigrams(main);

  // person: is a filter, and ranks too: the name's words in the people field are weighted by
  // how often the article names the person, so the articles about them come first (a filter
  // alone would list its matches in the order they were indexed). And the snippet shows the
  // name where the body gives it.
  if (!t_persons.words.empty() && !main.empty()) {
    main = Xapian::Query(Xapian::Query::OP_AND_MAYBE, main,
                         Xapian::Query(Xapian::Query::OP_OR, t_persons.words.begin(), t_persons.words.end()));
    std::vector<Xapian::Query> name_words;
    for (const std::string& name : t_persons.names)
      for (const std::string& word : unstemmed_terms(name)) {
        const std::string stemmed = analyzer_.stemmed_term(word);
        name_words.emplace_back(stemmed);
        const std::string key = person_key(word);
        if (!key.empty() && key.find(' ') == std::string::npos && stemmed.starts_with('Z'))
          out.name_variants.emplace(key, stemmed.substr(1));
      }
    out.highlight = Xapian::Query(Xapian::Query::OP_OR, name_words.begin(), name_words.end());
  }

  // Words standing together as a phrase rank higher (applied last: a filter adds no weight).
  Xapian::Query boost, boost_pairs;
  if (fe.simple && fe.plain_words.size() >= 2 && fe.plain_words.size() <= 8 && !main.empty()) {
    std::string phrase = "\"";
    for (const auto& w : fe.plain_words) phrase += w + " ";
    phrase.back() = '"';
    try {
      boost = parser_.parse_query(phrase, Xapian::QueryParser::FLAG_PHRASE);
      if (bigrams_) {
        boost_pairs = phrase_pairs(boost);
        boost = with_bigrams(boost);
      }
    } catch (const Xapian::QueryParserError&) {
    }
  }

  for (const auto& [bound, upper] : {std::pair{options.since, false}, std::pair{options.until, true}}) {
    if (!bound) continue;
    auto d = parse_date_bound(*bound, upper);
    if (!d) return Error{"bad date '" + *bound + "' for --" + (upper ? "until" : "since") + " (use YYYY, YYYY-MM or YYYY-MM-DD)", "", 2};
    Xapian::Query range = upper ? date_range(std::nullopt, d, archive_) : date_range(d, std::nullopt, archive_);
    if (range.empty()) {  // no article is dated there (MatchNothing is the empty query)
      out.query = Xapian::Query::MatchNothing;
      return out;
    }
    main = main.empty() ? range : Xapian::Query(Xapian::Query::OP_FILTER, main, range);
  }
  if (!boost.empty()) {
    out.unboosted = main;
    out.boost = boost;
    out.boost_pairs = boost_pairs;
    main = Xapian::Query(Xapian::Query::OP_AND_MAYBE, main, boost);
  }
  out.query = main;
  return out;
}

}  // namespace newsearch
