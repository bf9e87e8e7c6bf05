// The phrase boost of plain words re-ranks the best matches by the words (search_engine.cpp,
// kBoostWindow) when the words can match thousands of articles, and a boost of three words
// is weighed among the articles with its word pairs first: on real news with more matches
// than that window, the page is the one Xapian gives for the whole boosted query, and the
// estimated total is the first pass's.
#include <xapian.h>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "common/schema.hpp"
#include "common/stored_article.hpp"
#include "helpers.hpp"
#include "searcher/docid_filter.hpp"
#include "searcher/match_bound.hpp"
#include "searcher/query_builder.hpp"
#include "searcher/search_engine.hpp"

using namespace testing;

namespace {

// The ids of the first `limit` hits of the boosted query in one pass, collapsed like a search.
// lower/upper: the bounds of the number of hits once every match is counted (collapsing
// leaves Xapian unsure how many clusters the matches form).
std::vector<std::string> one_pass_ids(const std::string& db_path, const std::string& text, Xapian::doccount* lower,
                                      Xapian::doccount* upper) {
  Xapian::Database db(db_path);
  newsearch::QueryBuilder builder(db, "english", nullptr);
  newsearch::QueryOptions options;
  options.spelling = false;
  auto built = builder.build(text, options);
  REQUIRE(built);
  REQUIRE_FALSE(built->boost.empty());
  Xapian::Enquire enquire(db);
  enquire.set_query(built->query);
  enquire.set_weighting_scheme(Xapian::BM25Weight());
  enquire.set_collapse_key(newsearch::kSlotDupKey);
  Xapian::MSet mset = enquire.get_mset(0, 10, db.get_doccount());  // counts every match
  *lower = mset.get_matches_lower_bound();
  *upper = mset.get_matches_upper_bound();
  std::vector<std::string> ids;
  for (auto it = mset.begin(); it != mset.end(); ++it)
    ids.push_back(newsearch::StoredArticle::unserialise(it.get_document().get_data()).id);
  return ids;
}

}  // namespace

TEST_CASE("phrase boost: past the re-ranking window the page is the one-pass boosted ranking", "[search][boost]") {
  const std::string march = shared_path("corpora/reuters21578/1987/03"), april = shared_path("corpora/reuters21578/1987/04");
  if (!fs::exists(march) || !fs::exists(april)) {
    WARN("skipped: " + april + " not found (the shared corpora are not beside the checkout)");
    return;
  }
  TempDir dir;
  const std::string db = dir / "db";
  REQUIRE(run(newsindex("-q --db " + db + " " + march + " " + april)).status == 0);
  newsearch::SearchEngine engine({db});
  REQUIRE(engine.ok());
  Xapian::Database xdb(db);
  newsearch::QueryBuilder builder(xdb, "english", nullptr);
  // Words that can match thousands of articles are ranked first and the window re-ranked;
  // words that can match fewer are boosted in one pass. Either way: the one-pass page.
  for (const auto& [query, windowed] : {std::pair{"mln dlrs", true}, std::pair{"share price", true},
                                        std::pair{"company year", true}, std::pair{"oil prices", false},
                                        std::pair{"trade deficit", false},
                                        // Three words: weighed among the articles with all the phrase's
                                        // word pairs first, a page that outweighs the rest for each of
                                        // these ("inc said it": one pair, "it" has none).
                                        std::pair{"mln dlrs vs", true}, std::pair{"inc said it", true},
                                        std::pair{"first quarter net", false},
                                        std::pair{"year earlier period", false}}) {
    INFO(query);
    Xapian::doccount lower = 0, upper = 0;
    const std::vector<std::string> expected = one_pass_ids(db, query, &lower, &upper);
    CHECK(lower > 100);  // more hits than the window
    newsearch::QueryOptions options;
    options.spelling = false;
    auto built = builder.build(query, options);
    REQUIRE(built);
    CHECK((newsearch::match_upper_bound(built->unboosted, xdb) > 2000) == windowed);
    newsearch::SearchRequest req;
    req.query = query;
    auto result = engine.search(req);
    REQUIRE(result);
    // An estimate (Xapian's, from the first pass): more than the window it filled.
    if (windowed) CHECK((*result)["total"] > 100);
    CHECK((*result)["total"] <= upper);
    // In one pass every match is counted (stopping early, Xapian said "about 40" for 200).
    if (!windowed) CHECK((*result)["total"].get<Xapian::doccount>() >= lower);
    std::vector<std::string> got;
    for (const auto& r : (*result)["results"]) got.push_back(r["id"]);
    CHECK(got == expected);
  }
}

TEST_CASE("phrase boost: DocidFilter keeps exactly the given documents of one or several databases", "[search][boost]") {
  TempDir dir;
  std::vector<std::string> uuids;
  Xapian::Database all;
  for (int shard = 0; shard < 3; ++shard) {
    const std::string path = dir / ("s" + std::to_string(shard));
    Xapian::WritableDatabase w(path, Xapian::DB_CREATE);
    for (int i = 0; i < 20; ++i) {
      Xapian::Document doc;
      doc.add_term("word");
      w.add_document(doc);
    }
    w.commit();
    all.add_database(Xapian::Database(path));
    uuids.push_back(Xapian::Database(path).get_uuid());
  }
  const std::vector<Xapian::docid> keep = {1, 2, 6, 7, 30, 58, 60};  // spread over the three shards
  Xapian::Enquire enquire(all);
  enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query("word"),
                                  Xapian::Query((new newsearch::DocidFilter(keep, uuids))->release())));
  std::vector<Xapian::docid> got;
  Xapian::MSet mset = enquire.get_mset(0, 100);
  for (auto it = mset.begin(); it != mset.end(); ++it) got.push_back(*it);
  std::sort(got.begin(), got.end());
  CHECK(got == keep);

  Xapian::Database single(dir / "s0");
  Xapian::Enquire one(single);
  one.set_query(Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query("word"),
                              Xapian::Query((new newsearch::DocidFilter({3, 9, 20}, {}))->release())));
  CHECK(one.get_mset(0, 100).size() == 3);
}
