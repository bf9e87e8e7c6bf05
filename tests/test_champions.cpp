// Champion lists (common/champion_lists.hpp, indexer/champion_builder.cpp,
// searcher/champion_match.cpp): a frequent word's best documents weighed first give the
// same page as its whole posting list, or are not used at all.
#include <algorithm>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "common/champion_lists.hpp"
#include "common/schema.hpp"
#include "engine_helpers.hpp"
#include "helpers.hpp"
#include "searcher/champion_match.hpp"
#include "searcher/docid_filter.hpp"
#include "searcher/query_builder.hpp"
#include "searcher/search_engine.hpp"

using namespace testing;
using newsearch::Champion;
using newsearch::ChampionList;
using newsearch::EngineOptions;
using newsearch::SearchEngine;
using nlohmann::json;

TEST_CASE("champion list: written and read back exactly; damaged ones are refused", "[search][champions]") {
  ChampionList list;
  list.threshold = 0.123456789;
  list.average_length = 417.25;
  list.champions = {{3, 5, 120}, {130, 1, 7}, {70000, 300, 100000}, {4000000000u, 2, 9}};
  const std::string s = list.serialise();
  const auto back = ChampionList::unserialise(s);
  REQUIRE(back);
  CHECK(back->threshold == list.threshold);
  CHECK(back->average_length == list.average_length);
  REQUIRE(back->champions.size() == 4);
  for (std::size_t i = 0; i < 4; ++i) {
    CHECK(back->champions[i].docid == list.champions[i].docid);
    CHECK(back->champions[i].wdf == list.champions[i].wdf);
    CHECK(back->champions[i].doclength == list.champions[i].doclength);
  }
  CHECK_FALSE(ChampionList::unserialise(s.substr(0, s.size() - 1)));  // cut short
  CHECK_FALSE(ChampionList::unserialise(s + "x"));                    // trailing bytes
  CHECK_FALSE(ChampionList::unserialise("1" + s.substr(1)));          // another format
  CHECK_FALSE(ChampionList::unserialise(""));
}

TEST_CASE("champion plan: current lists only, ids of the whole, bound raised by a longer average", "[search][champions]") {
  TempDir tmp;
  auto make_part = [&](const std::string& name, Xapian::termcount length, bool current, Xapian::docid last = 4) {
    Xapian::WritableDatabase w(tmp / name);
    for (int i = 0; i < 4; ++i) {
      Xapian::Document doc;
      doc.add_term("Zword", 1);
      doc.add_term("Zfill", length - 1);
      w.add_document(doc);
    }
    ChampionList list;
    list.average_length = length / 2.0;  // as if the list were made when articles were half as long
    list.threshold = 0.25;
    list.champions = {{2, 1, length}, {last, 1, length}};
    w.set_metadata(std::string(newsearch::kMetaChampionPrefix) + "Zword", list.serialise());
    w.set_metadata(std::string(newsearch::kMetaChampions),
                   newsearch::champion_stamp(w.get_uuid(), w.get_revision() + (current ? 1 : 0)));
    w.commit();
    return Xapian::Database(tmp / name);
  };
  const Xapian::Database a = make_part("a", 10, true), b = make_part("b", 30, true), stale = make_part("c", 10, false);
  Xapian::Database whole(a);
  whole.add_database(b);  // average length 20
  const auto plan = newsearch::champion_plan({a, b}, whole, Xapian::Query("Zword"));
  REQUIRE(plan);
  // a's list was made at average 5: at 20 a document left out may weigh 4 times its tf part
  // then; b's at 15: 4/3.
  CHECK(plan->bound == Approx(0.25 * 4));
  std::vector<Xapian::docid> ids;
  for (const auto& c : plan->champions) ids.push_back(c.docid);
  CHECK(ids == std::vector<Xapian::docid>{3, 4, 7, 8});  // (d - 1) * 2 + part + 1
  CHECK_FALSE(newsearch::champion_plan({a, stale}, whole, Xapian::Query("Zword")));
  const Xapian::Database damaged = make_part("d", 10, true, 99);  // an id past the last
  CHECK_FALSE(newsearch::champion_plan({damaged}, damaged, Xapian::Query("Zword")));
  CHECK_FALSE(newsearch::champion_plan({a}, a, Xapian::Query("Zother")));
  CHECK_FALSE(newsearch::champion_plan({a}, a, Xapian::Query(Xapian::Query::OP_OR, Xapian::Query("Zword"), Xapian::Query("Zfill"))));
  CHECK(newsearch::champion_plan({a}, a, Xapian::Query(Xapian::Query::OP_AND_NOT, Xapian::Query("Zword"), Xapian::Query("Zfill"))));
}

namespace {

// The fields of a search that champions must not change.
json essentials(const json& result) {
  json hits = json::array();
  for (const auto& r : result["results"])
    hits.push_back({r["id"], r["score"], r["similar"], r["snippet"], r["duplicates"].size()});
  return {{"total", result["total"]}, {"total_exact", result["total_exact"]}, {"hits", hits}};
}

json search(SearchEngine& engine, const std::string& query, std::size_t offset = 0, bool collapse = true) {
  return essentials(engine_search(engine, query, offset, collapse));
}

// Every query and page alike with and without champions.
void check_same_results(const std::vector<std::string>& databases, const std::vector<std::string>& queries) {
  EngineOptions without;
  without.champions = false;
  SearchEngine with_lists(databases), whole(databases, without);
  REQUIRE(with_lists.ok());
  for (const auto& q : queries)
    for (std::size_t offset : {0, 10, 50, 110, 300})
      for (bool collapse : {true, false}) {
        INFO(q << " offset " << offset << (collapse ? "" : " --no-collapse"));
        CHECK(search(with_lists, q, offset, collapse) == search(whole, q, offset, collapse));
      }
}

// The first page of query over db by its champions, checked as the engine checks it;
// nullopt where the plan is refused.
std::optional<std::vector<std::pair<Xapian::docid, double>>> champion_page(const std::string& path, const std::string& word) {
  Xapian::Database db(path);
  const Xapian::Query query("Z" + word);
  const auto plan = newsearch::champion_plan({db}, db, query);
  if (!plan) return std::nullopt;
  Xapian::Enquire e(db);
  e.set_weighting_scheme(newsearch::bm25_weight());
  e.set_query(newsearch::champion_query(query, *plan, db, {}));
  const Xapian::MSet m = e.get_mset(0, 10);
  REQUIRE(m.size() == 10);
  CHECK(m[9].get_weight() > plan->weight_bound());  // the engine would use it
  std::vector<std::pair<Xapian::docid, double>> out;
  for (auto it = m.begin(); it != m.end(); ++it) out.emplace_back(*it, it.get_weight());
  return out;
}

std::vector<std::pair<Xapian::docid, double>> page_of(const Xapian::Database& db, const Xapian::Query& query,
                                                      Xapian::doccount size = 10) {
  Xapian::Enquire e(db);
  e.set_weighting_scheme(newsearch::bm25_weight());
  e.set_query(query);
  const Xapian::MSet m = e.get_mset(0, size);
  std::vector<std::pair<Xapian::docid, double>> out;
  for (auto it = m.begin(); it != m.end(); ++it) out.emplace_back(*it, it.get_weight());
  return out;
}

std::vector<std::pair<Xapian::docid, double>> whole_page(const std::string& path, const std::string& word) {
  return page_of(Xapian::Database(path), Xapian::Query("Z" + word));
}

// The first page of query over the articles of its words' lists, where the check passes.
std::optional<std::vector<std::pair<Xapian::docid, double>>> candidates_page(const Xapian::Database& db,
                                                                            const Xapian::Query& query) {
  const auto plan = newsearch::candidate_plan({db}, db, query);
  if (!plan) return std::nullopt;
  auto page = page_of(db, Xapian::Query(Xapian::Query::OP_FILTER, query,
                                        Xapian::Query((new newsearch::DocidFilter(plan->docids, {}))->release())));
  if (page.size() < 10 || !(page.back().second > plan->weight_bound)) return std::nullopt;
  return page;
}

}  // namespace

TEST_CASE("champions: the same pages as whole posting lists, and stale lists unused", "[search][champions]") {
  const std::string april = shared_path("corpora/reuters21578/1987/04");
  const std::string march = shared_path("corpora/reuters21578/1987/03");
  if (!fs::exists(april) || !fs::exists(march)) {
    WARN("skipped: " + april + " not found (the shared corpora are not beside the checkout)");
    return;
  }
  TempDir tmp;
  const std::string db = tmp / "db";
  REQUIRE(run(newsindex("-q --db " + db + " " + april)).status == 0);

  // Weighed from the list alone, the best ten and their weights are Xapian's to the bit.
  for (const std::string word : {"said", "pct", "year", "compani"}) {
    INFO(word);
    const auto page = champion_page(db, word);
    REQUIRE(page);
    CHECK(*page == whole_page(db, word));
  }
  CHECK_FALSE(champion_page(db, "cocoa"));  // too rare for a list

  // Queries of several words, over their lists' articles (and all of a rare word's): the
  // same best ten where the check passes, and it passes for most.
  {
    Xapian::Database r(db);
    const auto phrase = [](const char* a, const char* b) {
      const Xapian::Query words[] = {Xapian::Query(std::string("Z") + a, 1, 1), Xapian::Query(std::string("Z") + b, 1, 2)};
      return Xapian::Query(Xapian::Query::OP_PHRASE, words, words + 2, 2);
    };
    const auto either = [](const char* a, const char* b) {
      return Xapian::Query(Xapian::Query::OP_OR, Xapian::Query(std::string("Z") + a), Xapian::Query(std::string("Z") + b));
    };
    // Words with the phrase boost, as the query builder makes them: each word weighs twice
    // where they stand together.
    const auto boosted = [&](const char* a, const char* b) {
      return Xapian::Query(Xapian::Query::OP_AND_MAYBE,
                           Xapian::Query(Xapian::Query::OP_AND, Xapian::Query(std::string("Z") + a, 1, 1),
                                         Xapian::Query(std::string("Z") + b, 1, 2)),
                           phrase(a, b));
    };
    int passed = 0;
    for (const Xapian::Query& q : {phrase("mln", "dlrs"), phrase("last", "year"), phrase("per", "share"),
                                   boosted("mln", "dlrs"), boosted("said", "year"), boosted("oil", "price"),
                                   either("said", "pct"), either("year", "cocoa"),
                                   Xapian::Query(Xapian::Query::OP_AND_NOT, either("said", "year"), Xapian::Query("Zloss"))}) {
      INFO(q.get_description());
      if (const auto page = candidates_page(r, q)) {
        ++passed;
        CHECK(*page == page_of(r, q));
      }
    }
    CHECK(passed >= 6);
    CHECK_FALSE(newsearch::candidate_plan({r}, r, Xapian::Query(Xapian::Query::OP_SYNONYM, Xapian::Query("Zsaid"),
                                                                 Xapian::Query("Zyear"))));
  }

  const std::vector<std::string> queries = {"said", "pct", "year", "company", "said -loss", "year NOT oil",
                                            "said date:1987-04-07..1987-04-20", "\"mln dlrs\"", "\"last year\"",
                                            "said OR pct", "(said OR year) -loss", "person:reagan", "person:reagan said"};
  check_same_results({db}, queries);

  // A list that cannot vouch for the page (its documents weigh least, its threshold says
  // that nothing left out weighs more than the best) is found out by the weight check.
  {
    Xapian::WritableDatabase w(db);
    const double average_length = w.get_avlength();
    std::vector<std::pair<double, Champion>> all;
    for (auto p = w.postlist_begin("Zsaid"); p != w.postlist_end("Zsaid"); ++p)
      all.push_back({newsearch::bm25_tf_part(p.get_wdf(), p.get_doclength(), average_length),
                     Champion{*p, p.get_wdf(), p.get_doclength()}});
    std::sort(all.begin(), all.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    ChampionList forged;
    forged.average_length = average_length;
    forged.threshold = all.back().first;
    for (std::size_t i = 0; i < newsearch::kChampionsPerTerm; ++i) forged.champions.push_back(all[i].second);
    std::sort(forged.champions.begin(), forged.champions.end(),
              [](const Champion& a, const Champion& b) { return a.docid < b.docid; });
    w.set_metadata(std::string(newsearch::kMetaChampionPrefix) + "Zsaid", forged.serialise());
    w.set_metadata(std::string(newsearch::kMetaChampions), newsearch::champion_stamp(w.get_uuid(), w.get_revision() + 1));
    w.commit();
  }
  {
    Xapian::Database r(db);
    CHECK(newsearch::champion_plan({r}, r, Xapian::Query("Zsaid")));  // current, so tried
  }
  check_same_results({db}, {"said", "\"said the\"", "said OR pct"});

  // A rerun that finds nothing to do keeps the lists that are current, the forged one too:
  // making them afresh was most of such a run's time over a large archive.
  const std::string said_list = std::string(newsearch::kMetaChampionPrefix) + "Zsaid";
  const std::string forged_list = Xapian::Database(db).get_metadata(said_list);
  REQUIRE(run(newsindex("-q --db " + db + " " + april)).status == 0);
  CHECK(Xapian::Database(db).get_metadata(said_list) == forged_list);
  CHECK(newsearch::champion_lists_current(Xapian::Database(db)));

  // A commit by another writer leaves the lists describing an older revision: unused.
  {
    Xapian::WritableDatabase w(db);
    Xapian::Document doc;
    doc.add_term("Zsaid", 50);
    doc.set_data(Xapian::Database(db).get_document(1).get_data());
    w.add_document(doc);
    w.commit();
  }
  CHECK_FALSE(champion_page(db, "said"));
  check_same_results({db}, {"said", "said -loss"});
  const auto lists_status = [&] {
    const Run r = run(newsindex("status --json --db " + db));
    return json::parse(r.out)["champion_lists"];
  };
  CHECK(lists_status()["current"] == false);
  // The next run of the indexer makes them afresh.
  REQUIRE(run(newsindex("-q --db " + db + " " + april)).status == 0);
  CHECK(champion_page(db, "said"));
  CHECK(lists_status()["current"] == true);
  CHECK(lists_status()["words"].get<int>() > 5);

  // Shards, each with its own lists, searched as one.
  const std::string other = tmp / "march";
  REQUIRE(run(newsindex("-q --db " + other + " " + march)).status == 0);
  check_same_results({db, other}, {"said", "year", "said -loss"});

  // Words with more possible matches than one boosted pass weighs (2,000): over their
  // lists, the page is the boosted query's own, where the best hundred by the words alone,
  // re-ranked, missed articles the boost lifts ("pct year": three of the second page).
  {
    Xapian::Database both(db);
    both.add_database(Xapian::Database(other));
    newsearch::QueryBuilder builder(both, "english", nullptr);
    SearchEngine with_lists({db, other});
    for (const std::string q : {"mln dlrs", "pct year"}) {
      auto built = builder.build(q, {});
      REQUIRE(built);
      REQUIRE_FALSE(built->boost.empty());
      const auto exact = page_of(both, built->query, 20);
      REQUIRE(exact.size() == 20);
      for (std::size_t offset : {0, 10}) {
        INFO(q << " offset " << offset);
        const json hits = search(with_lists, q, offset, false)["hits"];
        REQUIRE(hits.size() == 10);
        for (std::size_t i = 0; i < 10; ++i)
          CHECK(hits[i][1].get<double>() == Approx(exact[offset + i].second).margin(1e-3));
      }
    }
  }
}
