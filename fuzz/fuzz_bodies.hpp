#pragma once
// The bodies of the fuzz targets, shared by the libFuzzer entry points (fuzz/fuzz_*.cpp)
// and by the regression test that replays saved crash inputs (tests/test_reliability_fuzz.cpp).
// Each body feeds one input to one parser and checks what any output must satisfy; it
// returns "" when all holds, else what was violated (the fuzzer then aborts, the test fails).
// Crashes, sanitizer reports and uncaught exceptions fail on their own.
#include <xapian.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/aliases.hpp"
#include "common/article.hpp"
#include "common/parse_date.hpp"
#include "common/parse_jsonl.hpp"
#include "common/parse_text.hpp"
#include "common/people.hpp"
#include "common/stored_article.hpp"
#include "common/utf8.hpp"
#include "searcher/query_builder.hpp"
#include "searcher/search_engine.hpp"
#include "searcher/synonyms.hpp"

namespace newsearch::fuzz {

inline std::string check_date(const ArticleDate& d) {
  if (d.month < 1 || d.month > 12) return "month out of range";
  if (d.day < 1 || d.day > days_in_month(d.year, d.month)) return "day out of range";
  if (d.year < 0 || d.year > 9999) return "year not 4 digits";
  if (d.has_time() && (d.hour > 23 || d.minute < 0 || d.minute > 59)) return "time out of range";
  if (d.sortable().size() != 12) return "sortable form not 12 characters: " + d.sortable();
  return "";
}

inline std::string check_article(const Article& a) {
  if (!is_valid_utf8(a.title)) return "title is not valid UTF-8";
  for (const auto& p : a.paragraphs) {
    if (p.text.empty()) return "empty paragraph";
    if (!is_valid_utf8(p.text)) return "paragraph is not valid UTF-8";
  }
  for (const auto& s : a.authors)
    if (s.empty() || !is_valid_utf8(s)) return "empty or ill-formed author";
  for (const auto& s : a.tags)
    if (s.empty() || !is_valid_utf8(s)) return "empty or ill-formed tag";
  if (a.date) return check_date(*a.date);
  return "";
}

/// Article text parser (and the helpers it uses).
inline std::string parse_text(std::string_view data) {
  std::vector<std::string> warnings;
  auto a = parse_article_text(data, &warnings);
  (void)split_authors(data.substr(0, 256));
  (void)detect_language(data, "en");
  if (!a) return "";
  if (a->title.empty()) return "article without a title";
  if (a->warnings.size() != warnings.size()) return "warnings and sink differ";
  if (auto e = check_article(*a); !e.empty()) return e;
  // The people extractor reads every parsed article (its rules index tokens around names).
  static const PeopleExtractor people;
  for (const Person& p : people.extract(*a)) {
    if (p.display.empty() || !is_valid_utf8(p.display)) return "person display empty or ill-formed";
    if (p.key != person_key(p.display)) return "person key is not person_key of its display";
  }
  return "";
}

/// Date lines and query-side date bounds.
inline std::string parse_date_line(std::string_view data) {
  if (auto d = parse_date(data)) {
    if (auto e = check_date(*d); !e.empty()) return "parse_date: " + e;
  }
  auto lo = parse_date_bound(data, false);
  auto hi = parse_date_bound(data, true);
  if (lo.has_value() != hi.has_value()) return "bound parses as lower but not upper (or back)";
  if (lo) {
    if (auto e = check_date(*lo); !e.empty()) return "lower bound: " + e;
    if (auto e = check_date(*hi); !e.empty()) return "upper bound: " + e;
    if (hi->sortable() < lo->sortable()) return "upper bound before lower bound";
  }
  std::string error;
  (void)QueryBuilder::date_query(std::string(data), &error);
  return "";
}

/// One JSON Lines line.
inline std::string parse_jsonl(std::string_view data) {
  std::string error;
  auto a = parse_jsonl_line(data, &error);
  if (!a) return error.empty() ? "failure without a reason" : "";
  if (a->title.empty()) return "article without a title";
  return check_article(*a);
}

/// Alias file text.
inline std::string parse_aliases(std::string_view data) {
  std::vector<std::string> warnings;
  AliasTable t = AliasTable::parse(data, "fuzz", &warnings);
  for (const auto& w : warnings)
    if (!w.starts_with("fuzz:")) return "warning does not name the source: " + w;
  // Every name on the first good line must look itself up.
  (void)t.lookup(data.substr(0, data.find('\n')));
  AliasTable copy = AliasTable::builtin();
  copy.merge(t);
  if (copy.size() < t.size()) return "merge lost entries";
  return "";
}

/// Synonym file text, then a lookup of each line's first entry.
inline std::string parse_synonyms(std::string_view data) {
  std::vector<std::string> warnings;
  Synonyms s = Synonyms::parse(data, "fuzz", &warnings);
  (void)s.group_of(data.substr(0, data.find('|')));
  // The front end with these synonyms, on the file text as a query.
  const std::string q(data.substr(0, 512));
  auto r = rewrite_query(q, QueryBuilder::field_names(), &s);
  if (!is_valid_utf8(r.query)) return "rewritten query is not valid UTF-8";
  return "";
}

/// Stored records (document data): whatever the bytes (a damaged record, one of another
/// format or dictionary), reading never throws, and what was read writes and reads back the
/// same; the input as an article's body also comes back whole.
inline std::string stored_record(std::string_view data) {
  const std::string bytes(data);
  const StoredArticle read = StoredArticle::unserialise(bytes);
  if (StoredArticle::unserialise(read.serialise()) != read) return "a record read does not read back";
  StoredArticle article;
  article.id = "0123456789abcdef";
  article.title = "Fuzz";
  article.body = bytes;
  if (StoredArticle::unserialise(article.serialise()) != article) return "a body does not read back";
  return "";
}

/// Query front end + builder + the search itself, against a small real database.
class QueryTarget {
 public:
  explicit QueryTarget(const std::string& db) : engine_(std::vector<std::string>{db}) {}
  bool ok() const { return engine_.ok(); }
  std::string run(std::string_view data) {
    // The first byte picks options; the rest is the query.
    const unsigned char opts = data.empty() ? 0 : static_cast<unsigned char>(data[0]);
    const std::string q(data.empty() ? data : data.substr(1));
    auto fe = rewrite_query(q, QueryBuilder::field_names(), nullptr);
    if (fe.query.size() > 4 * kMaxFrontendQueryBytes + 4096) return "front end output unbounded";
    if (!is_valid_utf8(fe.query)) return "front end output is not valid UTF-8";
    SearchRequest req;
    req.query = q;
    req.any = opts & 1;
    req.sort = static_cast<SortOrder>((opts >> 1) & 3);
    req.facets = opts & 8;
    req.timeline = opts & 16;
    req.collapse = !(opts & 32);
    req.offset = (opts & 64) ? 3 : 0;
    req.limit = (opts & 128) ? 1 : 10;
    auto res = engine_.search(req);
    if (!res) {
      if (res.error().message.empty()) return "error without a message";
      return "";
    }
    const auto& j = *res;
    if (!j.contains("results") || j["results"].size() > req.limit) return "more results than the limit";
    (void)j.dump(-1, ' ', false, nlohmann::json::error_handler_t::strict);  // throws on bad UTF-8
    return "";
  }

 private:
  SearchEngine engine_;
};

}  // namespace newsearch::fuzz
