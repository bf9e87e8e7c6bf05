// Word pairs (common/bigrams.hpp): the indexer gives an article a pair's term exactly where
// the two-word phrase matches it, and the searcher answers such phrases from the terms with
// the same hits, weights and (now exact) totals as from positions.
#include <xapian.h>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <set>

#include "common/bigrams.hpp"
#include "common/schema.hpp"
#include "engine_helpers.hpp"
#include "helpers.hpp"
#include "searcher/phrase_bigrams.hpp"
#include "searcher/search_engine.hpp"

using namespace testing;
using nlohmann::json;
using newsearch::EngineOptions;
using newsearch::SearchEngine;

namespace {

std::set<std::string> pair_terms(const Xapian::Document& doc) {
  std::set<std::string> out;
  for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t)
    if (newsearch::is_bigram_term(*t)) out.insert(*t);
  return out;
}

// The documents the phrase of two stems matches, by positions.
std::set<Xapian::docid> phrase_matches(const Xapian::Database& db, const std::string& a, const std::string& b) {
  const Xapian::Query words[] = {Xapian::Query("Z" + a), Xapian::Query("Z" + b)};
  Xapian::Enquire e(db);
  e.set_query(Xapian::Query(Xapian::Query::OP_PHRASE, words, words + 2, 2));
  e.set_weighting_scheme(Xapian::BoolWeight());
  const Xapian::MSet m = e.get_mset(0, db.get_doccount());
  std::set<Xapian::docid> out;
  for (auto it = m.begin(); it != m.end(); ++it) out.insert(*it);
  return out;
}

std::set<Xapian::docid> postings(const Xapian::Database& db, const std::string& term) {
  return {db.postlist_begin(term), db.postlist_end(term)};
}

json hits(const json& result) {
  json out = json::array();
  for (const auto& r : result["results"]) out.push_back({r["id"], r["score"], r["snippet"], r["similar"]});
  return out;
}

}  // namespace

TEST_CASE("bigrams: a pair's term for adjacent words of one field, none for function words", "[index][bigrams]") {
  TempDir tmp;
  write_file(tmp / "in/a.txt", article("Oil prices climb", "Jane Doe", "21:09, 01 March, 2025",
                                       "Crude oil prices rose on Monday\n"
                                       "Traders said the Bank of England held interest rates."));
  REQUIRE(run(newsindex("-q --db " + tmp / "db" + " " + tmp / "in")).status == 0);
  Xapian::Database db(tmp / "db");
  CHECK(db.get_metadata(std::string(newsearch::kMetaBigrams)) == "1");
  const std::set<std::string> pairs = pair_terms(db.get_document(1));
  for (const char* expected : {"XBoil price", "XBprice climb", "XBcrude oil", "XBprice rose", "XBtrader said",
                               "XBengland held", "XBheld interest", "XBinterest rate"}) {
    INFO(expected);
    CHECK(pairs.count(expected) == 1);
  }
  // Not across the title and the body, nor two paragraphs; not the author's name (a field of
  // its own); none with a function word.
  for (const char* absent : {"XBclimb crude", "XBmonday trader", "XBjane doe", "XBrose on", "XBbank of", "XBof england"}) {
    INFO(absent);
    CHECK(pairs.count(absent) == 0);
  }
  CHECK(newsearch::bigram_term("bank", "of").empty());
  CHECK(newsearch::bigram_term("interest", "rate") == "XBinterest rate");
}

TEST_CASE("bigrams: on real news every pair's articles are its phrase's", "[index][bigrams]") {
  const std::string april = shared_path("corpora/reuters21578/1987/04");
  if (!fs::exists(april)) {
    WARN("skipped: " + april + " not found (the shared corpora are not beside the checkout)");
    return;
  }
  TempDir tmp;
  REQUIRE(run(newsindex("-q --db " + tmp / "db" + " " + april)).status == 0);
  Xapian::Database db(tmp / "db");
  // The most frequent pairs, and every 150th of all the others.
  std::vector<std::string> checked;
  std::size_t n = 0;
  for (auto t = db.allterms_begin("XB"); t != db.allterms_end("XB"); ++t, ++n)
    if (t.get_termfreq() >= 150 || n % 150 == 0) checked.push_back(*t);
  REQUIRE(checked.size() > 100);
  for (const std::string& term : checked) {
    const auto space = term.find(' ');
    REQUIRE(space != std::string::npos);
    const std::string a = term.substr(2, space - 2), b = term.substr(space + 1);
    INFO(term);
    CHECK(postings(db, term) == phrase_matches(db, a, b));
  }
  // And phrases typed the other way round: found by positions where their pair's term is.
  for (const auto& [a, b] : std::vector<std::pair<std::string, std::string>>{
           {"interest", "rate"}, {"crude", "oil"}, {"trade", "deficit"}, {"feder", "reserv"}, {"mln", "dlrs"},
           {"stock", "exchang"}, {"west", "german"}, {"rate", "interest"}, {"oil", "crude"}}) {
    INFO(a << " " << b);
    CHECK(postings(db, newsearch::bigram_term(a, b)) == phrase_matches(db, a, b));
  }
}

TEST_CASE("bigrams: phrases from pairs rank, snippet and count as by positions", "[search][bigrams]") {
  const std::string april = shared_path("corpora/reuters21578/1987/04");
  if (!fs::exists(april)) {
    WARN("skipped: " + april + " not found (the shared corpora are not beside the checkout)");
    return;
  }
  TempDir tmp;
  const std::string db = tmp / "db";
  REQUIRE(run(newsindex("-q --db " + db + " " + april)).status == 0);
  EngineOptions positions;
  positions.bigrams = false;
  SearchEngine pairs({db}), by_positions({db}, positions);
  REQUIRE(pairs.ok());
  REQUIRE(by_positions.ok());
  for (const std::string q : {"\"interest rates\"", "\"crude oil\"", "\"mln dlrs\"", "oil prices", "wheat exports",
                              "\"trade deficit\" date:1987-04-01..1987-04-15", "\"bank of england\"",
                              "\"oil prices\" OR \"crude oil\"", "title:\"oil prices\"", "-\"crude oil\" oil"})
    for (std::size_t offset : {0, 10, 40})
      for (bool collapse : {true, false}) {
        INFO(q << " offset " << offset << (collapse ? "" : " --no-collapse"));
        const json a = engine_search(pairs, q, offset, collapse), b = engine_search(by_positions, q, offset, collapse);
        CHECK(hits(a) == hits(b));
        const bool positional = q == "\"bank of england\"" || q.starts_with("title:");
        CHECK((a["parsed"].get<std::string>().find("XB") == std::string::npos) == positional);
        CHECK(b["parsed"].get<std::string>().find("XB") == std::string::npos);
      }
  // Three words: the boost weighed first among the articles with both its pairs
  // (search_engine.cpp): same pages, scores and exact totals as every match weighed. Some
  // fill a page from them (14 articles with both pairs of "money supply growth", none of
  // "trade deficit japan"); of those, some pages outweigh the rest, some do not ("interest
  // rates cut": 18 with both pairs, 7 with the phrase).
  Xapian::Database x(db);
  const auto holding = [&](const std::string& a, const std::string& b, const std::string& c) {
    const Xapian::Query both(Xapian::Query::OP_AND, Xapian::Query(newsearch::bigram_term(a, b)),
                             Xapian::Query(newsearch::bigram_term(b, c)));
    Xapian::Enquire e(x);
    e.set_query(both);
    return e.get_mset(0, x.get_doccount()).size();
  };
  CHECK(holding("money", "suppli", "growth") >= 10);
  CHECK(holding("interest", "rate", "cut") >= 10);
  CHECK(holding("trade", "deficit", "japan") == 0);
  for (const std::string q : {"money supply growth", "mln stg help", "interest rates cut", "crude oil prices",
                              "oil prices rise", "trade deficit japan", "net profit rose", "cocoa buffer stock",
                              "money supply growth date:1987-04-01..1987-04-20"})
    for (std::size_t offset : {0, 10})
      for (bool collapse : {true, false}) {
        INFO(q << " offset " << offset << (collapse ? "" : " --no-collapse"));
        const json a = engine_search(pairs, q, offset, collapse), b = engine_search(by_positions, q, offset, collapse);
        CHECK(hits(a) == hits(b));
        CHECK(a["total"] == b["total"]);
        CHECK(a["total_exact"] == b["total_exact"]);
      }

  // The total of a two-word phrase is its pair's frequency: the exact count.
  std::size_t largest = 0;
  for (const auto& [q, a, b] : std::vector<std::tuple<std::string, std::string, std::string>>{
           {"\"interest rates\"", "interest", "rate"}, {"\"mln dlrs\"", "mln", "dlrs"}, {"\"crude oil\"", "crude", "oil"}}) {
    INFO(q);
    const auto exact = phrase_matches(x, a, b).size();
    largest = std::max(largest, exact);
    const json r = engine_search(pairs, q, 0, false);
    CHECK(r["total"] == exact);
    CHECK(r["total_exact"] == true);
  }
  CHECK(largest > 500);  // past the matches every search counts whole (search_engine.cpp)
}

TEST_CASE("bigrams: the pairs a phrase needs, for its boost", "[search][bigrams]") {
  const auto phrase = [](std::vector<std::string> terms) {
    std::vector<Xapian::Query> words(terms.begin(), terms.end());
    return Xapian::Query(Xapian::Query::OP_PHRASE, words.begin(), words.end(), words.size());
  };
  const auto pairs_of = [](const Xapian::Query& q) {
    std::vector<std::string> out(q.get_terms_begin(), q.get_terms_end());
    return out;
  };
  CHECK(pairs_of(newsearch::phrase_pairs(phrase({"Zinterest", "Zrate", "Zcut"}))) ==
        std::vector<std::string>{"XBinterest rate", "XBrate cut"});
  // A function word has no pair; the others still narrow the phrase down.
  CHECK(pairs_of(newsearch::phrase_pairs(phrase({"Zbank", "Zof", "Zengland", "Zcut"}))) ==
        std::vector<std::string>{"XBengland cut"});
  CHECK(newsearch::phrase_pairs(phrase({"Zbank", "Zof", "Zengland"})).empty());
  // A field's words (title:) and unstemmed forms have no pairs.
  CHECK(newsearch::phrase_pairs(phrase({"ZSoil", "ZSprice"})).empty());
  CHECK(newsearch::phrase_pairs(phrase({"oil", "prices"})).empty());
  CHECK(newsearch::phrase_pairs(Xapian::Query("Zoil")).empty());
}

TEST_CASE("bigrams: a database indexed before them is searched by positions", "[search][bigrams]") {
  TempDir tmp;
  write_file(tmp / "in/a.txt", article("Oil prices climb", "Jane Doe", "21:09, 01 March, 2025", "Crude oil prices rose."));
  const std::string db = tmp / "db";
  REQUIRE(run(newsindex("-q --db " + db + " " + tmp / "in")).status == 0);
  {
    Xapian::WritableDatabase w(db);
    w.set_metadata(std::string(newsearch::kMetaBigrams), "");  // as a database of an earlier version
    w.commit();
  }
  // An update keeps saying so (the earlier articles have no pairs).
  write_file(tmp / "in/b.txt", article("Crude oil falls", "Jane Doe", "21:09, 02 March, 2025", "Crude oil fell."));
  REQUIRE(run(newsindex("-q --db " + db + " " + tmp / "in")).status == 0);
  CHECK(Xapian::Database(db).get_metadata(std::string(newsearch::kMetaBigrams)).empty());
  SearchEngine engine({db});
  REQUIRE(engine.ok());
  const json r = engine_search(engine, "\"crude oil\"", 0, false);
  CHECK(r["total"] == 2);
  CHECK(r["parsed"].get<std::string>().find("XB") == std::string::npos);
  // --rebuild makes them.
  REQUIRE(run(newsindex("-q --rebuild --db " + db + " " + tmp / "in")).status == 0);
  CHECK(Xapian::Database(db).get_metadata(std::string(newsearch::kMetaBigrams)) == "1");
  SearchEngine rebuilt({db});
  const json again = engine_search(rebuilt, "\"crude oil\"", 0, false);
  CHECK(again["total"] == 2);
  CHECK(again["parsed"].get<std::string>().find("XB") != std::string::npos);
}

TEST_CASE("bigrams: shards searched as one have pairs only where every shard has them", "[search][bigrams]") {
  TempDir tmp;
  write_file(tmp / "in/a.txt", article("Oil prices climb", "Jane Doe", "21:09, 01 March, 2025", "Crude oil prices rose."));
  write_file(tmp / "in2/b.txt", article("Crude oil falls", "Jane Doe", "21:09, 02 March, 2025", "Crude oil fell."));
  REQUIRE(run(newsindex("-q --db " + tmp / "with " + tmp / "in")).status == 0);
  REQUIRE(run(newsindex("-q --no-word-pairs --db " + tmp / "without " + tmp / "in2")).status == 0);
  // Either order: a database opened as one reads its first shard's metadata only.
  for (const std::string order : {"with without", "without with"}) {
    INFO(order);
    const std::string first = order.substr(0, order.find(' ')), second = order.substr(order.find(' ') + 1);
    write_file(tmp / "stub", "auto " + tmp / first + "\nauto " + tmp / second + "\n");
    const Run status = run(newsindex("status --json --db " + tmp / "stub"));
    REQUIRE(status.status == 0);
    CHECK(json::parse(status.out)["word_pairs"] == false);
    SearchEngine engine({tmp / "stub"});
    REQUIRE(engine.ok());
    const json r = engine_search(engine, "\"crude oil\"", 0, false);
    CHECK(r["total"] == 2);
    CHECK(r["parsed"].get<std::string>().find("XB") == std::string::npos);
  }
  const Run alone = run(newsindex("status --json --db " + tmp / "with"));
  CHECK(json::parse(alone.out)["word_pairs"] == true);
}

TEST_CASE("bigrams: an interrupted aside build of an earlier version is started afresh and not merged", "[index][bigrams]") {
  TempDir tmp;
  for (int i = 0; i < 6; ++i)
    write_file(tmp / ("in/a" + std::to_string(i) + ".txt"),
               article("Oil prices climb " + std::to_string(i), "Jane Doe", "21:09, 01 March, 2025", "Crude oil prices rose."));
  // What an earlier version left when killed in a first build: the layout line without
  // word pairs, and a segment of articles indexed without them (all in the first lane: kept,
  // it would leave articles without pairs, and some twice, under the pairs' stamp).
  REQUIRE(run(newsindex("-q --no-word-pairs --shards 1 --db " + tmp / "old " + tmp / "in")).status == 0);
  const std::string build = tmp / "db.build";
  fs::create_directories(build + "/shard-0");
  fs::create_directories(build + "/shard-1");
  fs::copy(tmp / "old", build + "/shard-0/seg-0000", fs::copy_options::recursive);
  write_file(build + "/shards", "2 lanes of segments\n");
  const Run rerun = run(newsindex("-q --shards 2 --db " + tmp / "db " + tmp / "in"));
  INFO(rerun.err);
  REQUIRE(rerun.status == 0);
  Xapian::Database db(tmp / "db");
  CHECK(db.get_doccount() == 6);
  CHECK(db.get_metadata(std::string(newsearch::kMetaBigrams)) == "1");
  CHECK(db.get_termfreq(newsearch::bigram_term("crude", "oil")) == 6);  // every article has its pairs
}

TEST_CASE("bigrams: --no-word-pairs builds without them, and updates keep to that", "[index][bigrams]") {
  TempDir tmp;
  write_file(tmp / "in/a.txt", article("Oil prices climb", "Jane Doe", "21:09, 01 March, 2025", "Crude oil prices rose."));
  const std::string db = tmp / "db";
  auto pairs_in = [&] {
    Xapian::Database x(db);
    return std::distance(x.allterms_begin("XB"), x.allterms_end("XB"));
  };
  REQUIRE(run(newsindex("-q --no-word-pairs --db " + db + " " + tmp / "in")).status == 0);
  CHECK(pairs_in() == 0);
  CHECK(Xapian::Database(db).get_metadata(std::string(newsearch::kMetaBigrams)).empty());
  const Run status = run(newsindex("status --json --db " + db));
  CHECK(json::parse(status.out)["word_pairs"] == false);
  // An update without the option makes none either (the first article has none).
  write_file(tmp / "in/b.txt", article("Crude oil falls", "Jane Doe", "21:09, 02 March, 2025", "Crude oil fell."));
  REQUIRE(run(newsindex("-q --db " + db + " " + tmp / "in")).status == 0);
  CHECK(pairs_in() == 0);
  SearchEngine engine({db});
  REQUIRE(engine.ok());
  CHECK(engine_search(engine, "\"crude oil\"", 0, false)["total"] == 2);
  // --rebuild without the option makes them for every article.
  REQUIRE(run(newsindex("-q --rebuild --db " + db + " " + tmp / "in")).status == 0);
  Xapian::Database rebuilt(db);
  CHECK(rebuilt.get_termfreq("XBcrude oil") == 2);
  CHECK(rebuilt.get_metadata(std::string(newsearch::kMetaBigrams)) == "1");
}
