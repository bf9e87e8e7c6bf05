// Several databases searched as one (--db A --db B, a stub file of auto lines) answer
// exactly like one database holding the same articles: ranking, totals, facets, timeline,
// person names, spelling, article lookup, "more like this" and the CLI.
#include <catch2/catch.hpp>

#include "test_shards_corpus.hpp"

using namespace shards;
using newsearch::SearchEngine;
using newsearch::SortOrder;

TEST_CASE("shards: three local databases rank count and facet like one", "[shards]") {
  Archive archive;
  SearchEngine one({archive.one}), split({archive.p0, archive.p1, archive.p2});
  REQUIRE(one.ok());
  REQUIRE(split.ok());
  REQUIRE(one.health()["documents"] == split.health()["documents"]);
  for (const auto& q : kQueries) require_same(one, split, q);
  require_same(one, split, "bank OR oil OR wheat", SortOrder::kNewest);
  require_same(one, split, "bank OR oil OR wheat", SortOrder::kRecent);
  // The comparison can fail: a database missing a part does not match.
  SearchEngine partial({archive.p0, archive.p1});
  CHECK(search(one, "bank")["total"] != search(partial, "bank")["total"]);
}

TEST_CASE("shards: a stub file of two databases answers like one database", "[shards]") {
  Archive archive;
  const std::string stub = archive.dir / "all.stub";
  testing::write_file(stub, "# two shards\nauto p0.db\nauto " + archive.p12 + "\n");
  SearchEngine one({archive.one}), split({stub});
  REQUIRE(split.ok());
  for (const auto& q : kQueries) require_same(one, split, q);
}

TEST_CASE("shards: names spelling and article lookup use every shard", "[shards]") {
  Archive archive;
  SearchEngine one({archive.one}), split({archive.p0, archive.p1, archive.p2});
  // "Pedro Sánchez" once in part0, "Pedro Sanchez" three times in part1: the archive's
  // most frequent spelling wins, not the first shard's.
  const json people = search(split, "person:sanchez")["facets"]["people"];
  REQUIRE(!people.empty());
  CHECK(people[0][0] == "Pedro Sanchez");
  CHECK(people[0][1] == 4);
  // Spelling suggestions come from the merged dictionaries.
  const json miss = search(split, "ceasfire");
  CHECK(miss["total"] == 0);
  CHECK(miss["suggestion"] == "ceasefire");
  // Articles and "more like this" by id, whichever shard holds them.
  const json hits = search(one, "valencia", false);
  REQUIRE(hits["results"].size() >= 2);
  for (const auto& r : hits["results"]) {
    auto a = one.article(r["id"]), b = split.article(r["id"]);
    REQUIRE(a.ok());
    REQUIRE(b.ok());
    CHECK(*a == *b);
  }
  newsearch::SearchRequest like;
  like.like = hits["results"][0]["id"];
  like.limit = 100;
  auto l1 = one.search(like), l2 = split.search(like);
  REQUIRE(l1.ok());
  REQUIRE(l2.ok());
  CHECK(ranking(*l1) == ranking(*l2));
  CHECK(!(*l1)["results"].empty());
}

TEST_CASE("shards: newsearch --db A --db B --db C prints what --db ONE prints", "[shards][cli]") {
  Archive archive;
  for (const std::string q : {"'interest rates' --facets --timeline", "person:sanchez --facets", "ceasfire"}) {
    const auto a = testing::run(testing::newsearch("--json --db " + archive.one + " " + q));
    const auto b = testing::run(testing::newsearch("--json --db " + archive.p0 + " --db " + archive.p1 + " --db " +
                                                   archive.p2 + " " + q));
    INFO(q << "\n" << a.err << b.err);
    REQUIRE(a.status == b.status);
    json ja = json::parse(a.out), jb = json::parse(b.out);
    CHECK(ranking(ja) == ranking(jb));
    CHECK(by_id(ja) == by_id(jb));
    for (const char* k : {"total", "facets", "timeline", "suggestion"}) CHECK(ja[k] == jb[k]);
  }
}

// Known limitation (docs/deployment.md, "Duplicates across shards"): newsindex finds
// duplicates within the database it writes, so copies indexed into different databases
// are not collapsed into one hit. Fix: build the serving shards in one newsindex run.
TEST_CASE("shards: duplicates indexed into different databases collapse into one hit", "[shards][!shouldfail]") {
  testing::TempDir dir;
  const std::string text = testing::article("Wheat exports fall", "Li Wei", "2024-05-02",
                                            "Wheat exports fell sharply because of the drought in the south.");
  testing::write_file(dir / "a/x.txt", text);
  testing::write_file(dir / "b/y.txt", text);
  REQUIRE(testing::run(testing::newsindex("-q --db " + dir / "one.db " + dir / "a " + dir / "b")).status == 0);
  REQUIRE(testing::run(testing::newsindex("-q --db " + dir / "a.db " + dir / "a")).status == 0);
  REQUIRE(testing::run(testing::newsindex("-q --db " + dir / "b.db " + dir / "b")).status == 0);
  SearchEngine one({dir / "one.db"}), split({dir / "a.db", dir / "b.db"});
  REQUIRE(search(one, "wheat")["results"].size() == 1);
  CHECK(search(split, "wheat")["results"].size() == 1);
}

// Known limitation (docs/deployment.md): Xapian 1.4 expands a wildcard on each shard
// separately and weights the expansion with per-shard statistics, so "minist*" matches the
// same articles but scores them differently than one database does.
TEST_CASE("shards: wildcard queries score like one database", "[shards][!shouldfail]") {
  Archive archive;
  SearchEngine one({archive.one}), split({archive.p0, archive.p1, archive.p2});
  const json a = search(one, "minist*", false), b = search(split, "minist*", false);
  REQUIRE(a["total"] == b["total"]);
  CHECK(ranking(a) == ranking(b));
}
