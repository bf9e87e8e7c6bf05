// A page's articles and snippets are made on two threads (hit_texts.hpp), and boosted words
// counted on the second (match_count.hpp): on real news every result, snippet included, and
// every total is the one a single thread makes, for every kind of query.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "helpers.hpp"
#include "searcher/search_engine.hpp"

using namespace testing;

namespace {

// A month of reuters21578 indexed into dir/db; false (and a warning) where the shared
// corpora are not beside the checkout.
bool index_month(const std::string& month, const TempDir& dir) {
  const std::string folder = shared_path("corpora/reuters21578/1987/" + month);
  if (!fs::exists(folder)) {
    WARN("skipped: " + folder + " not found (the shared corpora are not beside the checkout)");
    return false;
  }
  REQUIRE(run(newsindex("-q --db " + (dir / "db") + " " + folder)).status == 0);
  return true;
}

newsearch::EngineOptions threads(unsigned n) {
  newsearch::EngineOptions options;
  options.match_threads = n;
  return options;
}

}  // namespace

TEST_CASE("hits read on two threads: every result and total the single thread's", "[search][snippet]") {
  TempDir dir;
  if (!index_month("06", dir)) return;
  newsearch::SearchEngine one({dir / "db"}, threads(1)), two({dir / "db"}, threads(2));
  REQUIRE(one.ok());
  REQUIRE(two.ok());
  // A word, a name, words with the phrase boost, phrases (their snippets weigh the loose
  // query), a person, NOT, a wildcard, a date filter, a field, NEAR.
  const std::vector<std::string> queries = {"oil",        "Reagan",       "oil prices", "\"interest rates\"",
                                            "person:baker", "bank -loan", "export*",    "wheat date:..1987-06-15",
                                            "title:trade", "oil NEAR/3 prices", "interest rates cut",
                                            "first quarter net"};
  for (const auto& q : queries)
    for (std::size_t limit : {10, 3, 1})
      for (std::size_t offset : {0, 5}) {
        newsearch::SearchRequest req;
        req.query = q;
        req.limit = limit;
        req.offset = offset;
        INFO(q << " limit " << limit << " offset " << offset);
        auto a = one.search(req), b = two.search(req);
        REQUIRE(a);
        REQUIRE(b);
        REQUIRE((*a)["results"].size() > 0);
        CHECK((*b)["results"] == (*a)["results"]);
        CHECK((*b)["total"] == (*a)["total"]);
        CHECK((*b)["total_exact"] == (*a)["total_exact"]);
        bool marked = false;
        for (const auto& r : (*b)["results"]) marked = marked || r["snippet"].get<std::string>().find("<mark>") != std::string::npos;
        CHECK(marked == (q.rfind("title:", 0) != 0));  // a title's words are not marked in the body
      }
}

TEST_CASE("sampled totals made on the second core: the single thread's", "[search]") {
  TempDir dir;
  if (!index_month("04", dir)) return;
  newsearch::SearchEngine one({dir / "db"}, threads(1)), two({dir / "db"}, threads(2));
  REQUIRE(one.ok());
  REQUIRE(two.ok());
  // Phrases, NEAR, NOT and words ANDed that can match more than 500 articles: their totals
  // are counted over a sample (sampled_count.hpp), from the second search on beside the
  // snippets on the other thread.
  std::size_t estimated = 0;
  for (int round = 0; round < 2; ++round)
    for (const std::string q : {"\"said the\"", "mln NEAR/2 dlrs", "bank -loan", "company said -loss", "oil NOT opec",
                                "trade deficit japan"}) {
      INFO(q << " round " << round);
      newsearch::SearchRequest req;
      req.query = q;
      auto a = one.search(req), b = two.search(req);
      REQUIRE(a);
      REQUIRE(b);
      CHECK((*b)["total"] == (*a)["total"]);
      CHECK((*b)["total_exact"] == (*a)["total_exact"]);
      CHECK((*b)["results"] == (*a)["results"]);
      if (!(*a)["total_exact"].get<bool>()) ++estimated;
    }
  CHECK(estimated >= 6);  // sampled, not counted: the way this test is about
}
