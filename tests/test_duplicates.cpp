// One hit per story: syndicated copies in reuters21578 (read from ../shared by path) collapse
// into one result that lists the others; --no-collapse shows them all.
#include <catch2/catch.hpp>
#include <random>
#include <nlohmann/json.hpp>
#include <xapian.h>

#include "common/schema.hpp"

#include "helpers.hpp"

using namespace testing;

TEST_CASE("reuters21578 duplicates collapse into one hit with +N similar", "[search][duplicates]") {
  const std::string dir = shared_path("corpora/reuters21578/1987/");
  const std::string exact_a = dir + "03/reuters-006119.txt", exact_b = dir + "03/reuters-006169.txt";  // same body
  const std::string near_a = dir + "04/reuters-017254.txt", near_b = dir + "04/reuters-017289.txt";    // one sentence added
  const std::string other = dir + "03/reuters-005858.txt";
  if (!fs::exists(exact_a)) {
    WARN("skipped: " + exact_a + " not found (the shared corpora are not beside the checkout)");
    return;
  }
  TempDir tmp;
  const std::string db = tmp / "db";
  REQUIRE(run(newsindex("-q --db " + db + " " + exact_a + " " + exact_b + " " + near_a + " " + near_b + " " + other)).status == 0);

  auto search = [&](const std::string& args) {
    const Run r = run(testing::newsearch("--json --db " + db + " " + args));
    REQUIRE(r.status == 0);
    return nlohmann::json::parse(r.out);
  };
  auto collapsed = search("'dependence foreign oil'");
  REQUIRE(collapsed["results"].size() == 1);
  CHECK(collapsed["results"][0]["similar"] == 1);
  REQUIRE(collapsed["results"][0]["duplicates"].size() == 1);
  CHECK(collapsed["results"][0]["duplicates"][0]["path"].get<std::string>().find("reuters-0061") != std::string::npos);
  CHECK(search("--no-collapse 'dependence foreign oil'")["results"].size() == 2);

  auto near = search("'subroto demand'");
  REQUIRE(near["results"].size() == 1);
  CHECK(near["results"][0]["similar"] == 1);
  CHECK(search("--no-collapse 'subroto demand'")["results"].size() == 2);

  // Two stories about oil: two hits, each standing for its copies.
  CHECK(search("oil")["results"].size() == 2);
  CHECK(search("--no-collapse oil")["results"].size() == 4);
  CHECK(search("dollar")["results"][0]["similar"] == 0);
}

// Where a query matches more than the search counts in full, Xapian stops weighing a
// document once it cannot reach the page, and so never meets a lower-weighted copy of a hit
// to count it: the hit still lists it.
TEST_CASE("+N similar counts a copy that Xapian's collapse never met", "[search][duplicates]") {
  TempDir tmp;
  const std::string folder = tmp / "news";
  fs::create_directories(folder);
  std::string filler;
  for (int i = 0; i < 40; ++i) filler += "Officials said the ministry would review trade figures next month. ";
  const std::string story = filler + "\nWheat growers saw wheat prices rise as wheat stocks fell and wheat exports grew.\n" + filler;
  write_file(folder + "/a.txt", article("Ministry review", "Staff", "09:00, 03 March, 2025", story));
  // The copy adds a line: a near duplicate, a little longer, so it weighs a little less.
  write_file(folder + "/z.txt", article("Ministry review", "Staff", "09:05, 03 March, 2025", story + "\nNo further details."));
  // More matches than are counted in full (kCountAllUpTo), each its own story.
  const std::vector<std::string> words = {"harvest", "rain", "soil", "barley", "market", "port", "rail",
                                          "storage", "yield", "drought", "buyers", "mills", "tonnes", "season"};
  std::mt19937 random(7);
  for (int i = 0; i < 520; ++i) {
    std::string body = "Farmers grow wheat.";
    for (int w = 0; w < 300; ++w) body += " " + words[random() % words.size()];
    write_file(folder + "/f" + std::to_string(1000 + i) + ".txt",
               article("Report " + std::to_string(i), "Staff", "09:00, 04 March, 2025", body + "."));
  }
  const std::string db = tmp / "db";
  // One parser and one writer: a.txt gets the first document id, the copy z.txt the last, so
  // that Xapian has filled its page with a.txt before it meets the copy.
  REQUIRE(run(newsindex("-q -j 1 --shards 1 --db " + db + " " + folder)).status == 0);
  const Run r = run(testing::newsearch("--json --limit 1 --db " + db + " wheat"));
  REQUIRE(r.status == 0);
  const auto hits = nlohmann::json::parse(r.out)["results"];
  REQUIRE(hits.size() == 1);
  CHECK(hits[0]["path"].get<std::string>().ends_with("a.txt"));
  CHECK(hits[0]["similar"] == 1);
  REQUIRE(hits[0]["duplicates"].size() == 1);
  CHECK(hits[0]["duplicates"][0]["path"].get<std::string>().ends_with("z.txt"));
}

// A cluster begun in a run is keyed by its first article's id, which gets the key but not the
// cluster term (indexer/near_duplicates.hpp); one begun in an earlier run gets both. Either
// way each member's hit lists the other: the newest copy under --sort newest, the oldest
// under --sort oldest.
TEST_CASE("a cluster's first article and its copies list each other", "[search][duplicates]") {
  TempDir tmp;
  const std::string folder = tmp / "news";
  fs::create_directories(folder);
  const std::string story =
      "The port authority said grain shipments through the northern terminal rose by a third in February.\n"
      "Dock workers agreed a new shift pattern after two weeks of talks with the terminal operators.\n"
      "Exporters expect the terminal to handle record volumes of barley and maize this spring.\n";
  write_file(folder + "/a.txt", article("Grain terminal busier", "Staff", "09:00, 03 March, 2025", story));
  const std::string other = article("Rail strike called off", "Staff", "10:00, 03 March, 2025",
                                    "Rail unions called off a planned strike after a pay offer from the terminal operators.\n");
  write_file(folder + "/c.txt", other);
  const std::string copy = article("Grain terminal busier", "Wire", "11:30, 04 March, 2025", story);

  auto hits = [&](const std::string& db, const std::string& sort) {
    const Run r = run(testing::newsearch("--json --db " + db + " --sort " + sort + " 'grain terminal'"));
    REQUIRE(r.status == 0);
    return nlohmann::json::parse(r.out)["results"];
  };
  auto check_listed_both_ways = [&](const std::string& db) {
    const auto newest = hits(db, "newest"), oldest = hits(db, "oldest");
    REQUIRE(newest.size() == 1);
    REQUIRE(oldest.size() == 1);
    CHECK(newest[0]["path"].get<std::string>().ends_with("b.txt"));
    REQUIRE(newest[0]["duplicates"].size() == 1);
    CHECK(newest[0]["duplicates"][0]["path"].get<std::string>().ends_with("a.txt"));
    CHECK(oldest[0]["path"].get<std::string>().ends_with("a.txt"));
    REQUIRE(oldest[0]["duplicates"].size() == 1);
    CHECK(oldest[0]["duplicates"][0]["path"].get<std::string>().ends_with("b.txt"));
  };
  // The cluster term of a.txt's cluster and whether a.txt has it.
  auto first_has_cluster_term = [&](const std::string& db) {
    Xapian::Database x(db);
    for (auto t = x.allterms_begin("XF"); t != x.allterms_end("XF"); ++t) {
      const Xapian::Document doc = x.get_document(*x.postlist_begin(*t));
      if (doc.get_value(newsearch::kSlotDupKey).empty()) continue;
      // a.txt is the member with the earlier date value.
      if (!doc.get_value(newsearch::kSlotDate).starts_with("20250303")) continue;
      const std::string key = doc.get_value(newsearch::kSlotDupKey);
      bool has_term = false, keyed_by_id = false;
      for (auto term = doc.termlist_begin(); term != doc.termlist_end(); ++term) {
        has_term = has_term || *term == std::string(newsearch::kPrefixDupCluster) + key;
        keyed_by_id = keyed_by_id || *term == std::string(newsearch::kPrefixId) + key;
      }
      CHECK(keyed_by_id != has_term);
      return has_term;
    }
    FAIL("a.txt has no collapse key");
    return false;
  };

  SECTION("both articles indexed in one run") {
    write_file(folder + "/b.txt", copy);
    const std::string db = tmp / "db";
    REQUIRE(run(newsindex("-q -j 1 --shards 1 --db " + db + " " + folder)).status == 0);
    CHECK_FALSE(first_has_cluster_term(db));
    check_listed_both_ways(db);
  }
  SECTION("the first article is rewritten as another story") {
    write_file(folder + "/b.txt", copy);
    const std::string db = tmp / "db";
    REQUIRE(run(newsindex("-q -j 1 --shards 1 --db " + db + " " + folder)).status == 0);
    // a.txt keeps its id, and with it the term that named its cluster's first article.
    write_file(folder + "/a.txt", article("Grain terminal strike vote", "Staff", "09:00, 03 March, 2025",
                                          "Workers at the grain terminal will vote on strike action over pay next week.\n"));
    REQUIRE(run(newsindex("-q --db " + db + " " + folder)).status == 0);
    const auto newest = hits(db, "newest");
    REQUIRE(newest.size() == 2);
    CHECK(newest[0]["path"].get<std::string>().ends_with("b.txt"));
    CHECK(newest[0]["duplicates"].empty());
    CHECK(newest[0]["similar"] == 0);
  }
  SECTION("the copy arrives in a later run") {
    const std::string db = tmp / "db";
    REQUIRE(run(newsindex("-q --db " + db + " " + folder)).status == 0);
    write_file(folder + "/b.txt", copy);
    REQUIRE(run(newsindex("-q --db " + db + " " + folder)).status == 0);
    CHECK(first_has_cluster_term(db));
    check_listed_both_ways(db);
  }
}
