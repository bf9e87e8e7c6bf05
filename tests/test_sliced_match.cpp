// A large match runs over slices of the document ids, one thread each (sliced_match.hpp):
// on real news, every page (ids, ranks, scores, "+N similar") is the one a single thread
// gives, in every sort order, with and without collapsing, over one database and over shards.
#include <xapian.h>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "helpers.hpp"
#include "searcher/docid_slice.hpp"
#include "searcher/search_engine.hpp"
#include "searcher/sliced_match.hpp"

using namespace testing;
using nlohmann::json;

namespace {

newsearch::SearchEngine engine_with(const std::string& db, unsigned threads) {
  newsearch::EngineOptions options;
  options.match_threads = threads;
  options.slice_from = 1;  // slice every match this corpus can make
  return newsearch::SearchEngine({db}, options);
}

// What a page shows of each hit, in order.
std::vector<std::string> page_of(const json& result) {
  std::vector<std::string> page;
  for (const auto& r : result["results"])
    page.push_back(r["rank"].dump() + " " + r["id"].get<std::string>() + " " + r["score"].dump() + " +" +
                   r["similar"].dump());
  return page;
}

void check_same_pages(const std::string& db) {
  newsearch::SearchEngine one = engine_with(db, 1), two = engine_with(db, 2), three = engine_with(db, 3);
  REQUIRE(one.ok());
  REQUIRE(two.ok());
  REQUIRE(three.ok());
  // Words ANDed and phrases: what is sliced (slicing_pays), each able to match over 500.
  const std::vector<std::string> queries = {"mln dlrs", "\"mln dlrs\"", "said year", "company said -loss",
                                            "said pct date:..1987-06-15"};
  for (const auto& q : queries)
    for (auto sort : {newsearch::SortOrder::kRelevance, newsearch::SortOrder::kNewest, newsearch::SortOrder::kOldest,
                      newsearch::SortOrder::kRecent})
      for (bool collapse : {true, false})
        for (std::size_t offset : {0, 10}) {
          newsearch::SearchRequest req;
          req.query = q;
          req.sort = sort;
          req.collapse = collapse;
          req.offset = offset;
          req.limit = 15;
          INFO(q << " sort " << static_cast<int>(sort) << " collapse " << collapse << " offset " << offset);
          auto a = one.search(req), b = two.search(req), c = three.search(req);
          REQUIRE(a);
          REQUIRE(b);
          REQUIRE(c);
          REQUIRE((*a)["results"].size() > 0);
          CHECK(page_of(*b) == page_of(*a));
          CHECK(page_of(*c) == page_of(*a));
          if (!collapse && (*a)["total_exact"].get<bool>()) CHECK((*b)["total"] == (*a)["total"]);
        }
}

}  // namespace

TEST_CASE("sliced match: only matches whose candidates cost more than a slice's filter are sliced", "[search][slices]") {
  CHECK_FALSE(newsearch::slicing_pays(Xapian::Query("Zsaid")));
  CHECK_FALSE(newsearch::slicing_pays(Xapian::Query(Xapian::Query::OP_OR, Xapian::Query("Zoil"), Xapian::Query("Zgas"))));
  CHECK_FALSE(newsearch::slicing_pays(Xapian::Query(Xapian::Query::OP_AND_NOT, Xapian::Query("Zoil"), Xapian::Query("Zopec"))));
  CHECK(newsearch::slicing_pays(Xapian::Query(Xapian::Query::OP_AND, Xapian::Query("Zoil"), Xapian::Query("Zprice"))));
  const std::vector<Xapian::Query> words = {Xapian::Query("Zcrude"), Xapian::Query("Zoil")};
  CHECK(newsearch::slicing_pays(Xapian::Query(Xapian::Query::OP_AND_NOT,
                                              Xapian::Query(Xapian::Query::OP_PHRASE, words.begin(), words.end()),
                                              Xapian::Query("Zopec"))));
}

TEST_CASE("sliced match: the slices of a database's ids cover each id once", "[search][slices]") {
  TempDir dir;
  const std::string path = dir / "db";
  {
    Xapian::WritableDatabase w(path, Xapian::DB_CREATE);
    for (int i = 0; i < 37; ++i) {
      Xapian::Document d;
      d.add_term("word");
      w.add_document(d);
    }
    w.delete_document(5);
    w.commit();
  }
  Xapian::Database db(path);
  for (unsigned slices : {1u, 2u, 3u, 5u}) {
    std::vector<Xapian::docid> seen;
    for (unsigned i = 0; i < slices; ++i) {
      Xapian::Enquire e(db);
      e.set_query(Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query("word"),
                                Xapian::Query((new newsearch::DocidSlice(i, slices))->release())));
      e.set_docid_order(Xapian::Enquire::ASCENDING);
      e.set_weighting_scheme(Xapian::BoolWeight());
      Xapian::MSet m = e.get_mset(0, 100);
      for (auto it = m.begin(); it != m.end(); ++it) seen.push_back(*it);
    }
    std::sort(seen.begin(), seen.end());
    INFO(slices << " slices");
    CHECK(seen.size() == 36);
    CHECK(std::adjacent_find(seen.begin(), seen.end()) == seen.end());
    CHECK(std::find(seen.begin(), seen.end(), 5u) == seen.end());
  }
}

TEST_CASE("sliced match: every page is the single thread's, in every order, over a database and shards",
          "[search][slices]") {
  const std::string june = shared_path("corpora/reuters21578/1987/06"), october = shared_path("corpora/reuters21578/1987/10");
  if (!fs::exists(june) || !fs::exists(october)) {
    WARN("skipped: " + june + " not found (the shared corpora are not beside the checkout)");
    return;
  }
  TempDir dir;
  REQUIRE(run(newsindex("-q --db " + (dir / "june") + " " + june)).status == 0);
  REQUIRE(run(newsindex("-q --db " + (dir / "october") + " " + october)).status == 0);
  write_file(dir / "stub", "auto june\nauto october\n");
  check_same_pages(dir / "june");
  check_same_pages(dir / "stub");
}

TEST_CASE("whole match: one Enquire's page in a sliced match's form", "[search][slices]") {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  // Twelve documents with the word; 3, 6, 9 and 12 are one story (collapse key "k").
  for (int i = 1; i <= 12; ++i) {
    Xapian::Document doc;
    doc.add_term("Zword", static_cast<Xapian::termcount>(i));
    if (i % 3 == 0) doc.add_value(5, "k");
    db.add_document(doc);
  }
  Xapian::Enquire enquire(db);
  enquire.set_query(Xapian::Query("Zword"));
  enquire.set_collapse_key(5);
  const Xapian::MSet mset = enquire.get_mset(0, 5, 12);
  for (bool collapse : {true, false}) {
    INFO("collapse " << collapse);
    const newsearch::SlicedMatch m = newsearch::whole_match(mset, collapse);
    REQUIRE(m.hits.size() == mset.size());
    for (std::size_t i = 0; i < m.hits.size(); ++i) CHECK(*m.hits[i] == *mset[static_cast<Xapian::doccount>(i)]);
    CHECK(m.lower == mset.get_matches_lower_bound());
    CHECK(m.estimated == mset.get_matches_estimated());
    CHECK(m.upper == mset.get_matches_upper_bound());
    CHECK(m.uncollapsed_estimated == mset.get_uncollapsed_matches_estimated());
    CHECK(m.weights.size() == mset.size());
    // The cluster's hit (document 12: the highest wdf) stands for the other three.
    if (collapse) {
      REQUIRE(m.collapsed.size() == 1);
      CHECK(m.collapsed.at(12) == std::pair<Xapian::doccount, std::string>{3, "k"});
    } else {
      CHECK(m.collapsed.empty());
    }
  }
}
