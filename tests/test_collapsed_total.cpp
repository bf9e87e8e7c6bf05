// The number of hits a collapsed search announces: unit cases, and on reuters21578's
// syndicated copies against the exact count.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "common/schema.hpp"
#include "helpers.hpp"
#include "searcher/collapsed_total.hpp"

using newsearch::collapsed_estimate;
using newsearch::kPrefixDupCluster;
using newsearch::unique_share;
using namespace testing;

TEST_CASE("unique share: all but the further copies of each cluster", "[search][duplicates]") {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  CHECK(unique_share(db) == 1.0);
  const std::string cluster_a = std::string(kPrefixDupCluster) + "aaaa", cluster_b = std::string(kPrefixDupCluster) + "bbbb";
  // Ten documents: a cluster of three, a cluster of two, a cluster term left alone by a
  // deleted copy, and five that stand alone.
  for (const std::string& term : {cluster_a, cluster_a, cluster_a, cluster_b, cluster_b, std::string(kPrefixDupCluster) + "cccc",
                                  std::string("Qa"), std::string("Qb"), std::string("Qc"), std::string("Qd")}) {
    Xapian::Document doc;
    doc.add_boolean_term(term);
    db.add_document(doc);
  }
  CHECK(unique_share(db) == Approx(0.7));  // 2 + 1 further copies of 10
}

TEST_CASE("collapsed estimate: scaled, three significant figures, within the bounds", "[search][duplicates]") {
  CHECK(collapsed_estimate(17571, 0.974, 10, 17571) == 17100);  // 17114 -> 17100
  CHECK(collapsed_estimate(1577, 0.98, 10, 1577) == 1550);      // 1545.46 -> 1550
  CHECK(collapsed_estimate(400, 0.97, 10, 400) == 388);         // below 1000: as computed
  CHECK(collapsed_estimate(400, 0.5, 300, 400) == 300);         // never below the lower bound
  CHECK(collapsed_estimate(1000, 1.0, 10, 990) == 990);         // nor above the upper
  CHECK(collapsed_estimate(0, 0.9, 0, 0) == 0);
}

// Xapian 1.4 scales its collapsed estimate by the duplicates among the documents it weighed,
// the best ones, where wire copies sit side by side: "said" was "about 3000" for 3,776 hits.
TEST_CASE("a frequent word's announced total is close to the exact collapsed count", "[search][duplicates]") {
  const std::string april = shared_path("corpora/reuters21578/1987/04");
  if (!fs::exists(april)) {
    WARN("skipped: " + april + " not found (the shared corpora are not beside the checkout)");
    return;
  }
  TempDir tmp;
  const std::string db = tmp / "db";
  REQUIRE(run(newsindex("-q --db " + db + " " + april)).status == 0);
  auto search = [&](const std::string& args) {
    const Run r = run(testing::newsearch("--json --db " + db + " " + args));
    REQUIRE(r.status == 0);
    return nlohmann::json::parse(r.out);
  };
  for (const std::string word : {"said", "pct", "year"}) {
    INFO(word);
    const auto estimated = search(word);
    const auto counted = search("--facets " + word);  // facets weigh every match: exact
    REQUIRE(counted["total_exact"] == true);
    CHECK(estimated["total_exact"] == false);
    const double exact = counted["total"].get<double>();
    CHECK(estimated["total"].get<double>() == Approx(exact).epsilon(0.03));
    CHECK(estimated["total"].get<double>() < search("--no-collapse " + word)["total"].get<double>());
  }
}
