// newsindex status and stats: what they show, and the exit status monitoring relies on
// (fresh, failed, interrupted, stale and missing runs).
#include <xapian.h>

#include <catch2/catch.hpp>
#include <functional>
#include <nlohmann/json.hpp>

#include "common/schema.hpp"
#include "helpers.hpp"
#include "indexer/status.hpp"

using namespace testing;

namespace {

void write_articles(const TempDir& dir) {
  write_file(dir / "news/a.txt", article("Central bank holds interest rates", "Anna Berg", "10:00, 05 March, 2025",
                                         "The central bank kept its interest rate unchanged.", "Interest rates"));
  write_file(dir / "news/b.txt", article("Ceasefire talks resume", "Anna Berg", "08:30, 07 March, 2025",
                                         "Negotiators met in Geneva.", "Ceasefire"));
  write_file(dir / "news/c.txt", article("Floods in Valencia", "Sofia Marin", "12:00, 30 October, 2024",
                                         "Heavy rain hit Valencia.", "Interest rates"));
}

// Indexes the sample into dir/db and returns the database path.
std::string indexed(const TempDir& dir) {
  write_articles(dir);
  const Run r = run(newsindex("-q --db " + dir / "db " + dir / "news"));
  INFO(r.err);
  REQUIRE(r.status == 0);
  return dir / "db";
}

void edit_last_run(const std::string& db_path, const std::function<void(nlohmann::json&)>& edit) {
  Xapian::WritableDatabase db(db_path, Xapian::DB_OPEN);
  auto j = nlohmann::json::parse(db.get_metadata(std::string(newsearch::kMetaLastRun)));
  edit(j);
  db.set_metadata(std::string(newsearch::kMetaLastRun), j.dump());
  db.commit();
}

nlohmann::json status_json(const std::string& args, int expected_exit) {
  const Run r = run(newsindex("status --json " + args));
  INFO(r.err);
  REQUIRE(r.status == expected_exit);
  return nlohmann::json::parse(r.out);
}

}  // namespace

TEST_CASE("status after a fresh run is healthy and describes the database", "[status][cli]") {
  TempDir dir;
  const std::string db = indexed(dir);
  const auto j = status_json("--db " + db, 0);
  CHECK(j["format_version"] == 1);
  CHECK(j["healthy"] == true);
  CHECK(j["problems"].empty());
  CHECK(j["database"] == db);
  CHECK(j["articles"] == 3);
  CHECK(j["size_bytes"].get<long>() > 0);
  CHECK(j["first_date"] == "2024-10-30T12:00");
  CHECK(j["last_date"] == "2025-03-07T08:30");
  CHECK(j["schema_version"] == std::to_string(newsearch::kSchemaVersion));
  CHECK(j["language"] == "english");
  CHECK(j["last_commit"].is_string());
  CHECK(j["last_run"]["status"] == "ok");
  CHECK(j["last_run"]["added"] == 3);
  CHECK(j["last_run_age_hours"].get<double>() < 1);

  const Run text = run(newsindex("status --db " + db));
  CHECK(text.status == 0);
  CHECK_THAT(text.out, Catch::Contains("articles     3"));
  CHECK_THAT(text.out, Catch::Contains("dates        2024-10-30T12:00 .. 2025-03-07T08:30"));
  CHECK_THAT(text.out, Catch::Contains("health       ok"));
}

TEST_CASE("status exits 1 after a failed run and shows its error", "[status][cli]") {
  TempDir dir;
  const std::string db = indexed(dir);
  const Run failed = run(newsindex("-q --db " + db + " " + dir / "gone"));
  REQUIRE(failed.status == 2);
  const auto j = status_json("--db " + db, 1);
  CHECK(j["healthy"] == false);
  CHECK(j["last_run"]["status"] == "failed");
  REQUIRE(j["problems"].size() == 1);
  CHECK_THAT(j["problems"][0].get<std::string>(), Catch::Contains("last run failed") && Catch::Contains("gone"));
  // The articles of the last good run are still there.
  CHECK(j["articles"] == 3);
  const Run text = run(newsindex("status --db " + db));
  CHECK(text.status == 1);
  CHECK_THAT(text.out, Catch::Contains("PROBLEM: last run failed"));
  // A good run clears it.
  REQUIRE(run(newsindex("-q --db " + db + " " + dir / "news")).status == 0);
  CHECK(run(newsindex("status --db " + db)).status == 0);
}

TEST_CASE("status exits 1 when the stored run says exit_code 2 or was interrupted", "[status][cli]") {
  TempDir dir;
  const std::string db = indexed(dir);
  edit_last_run(db, [](nlohmann::json& j) { j["exit_code"] = 2; });
  CHECK(status_json("--db " + db, 1)["problems"][0] == "last run failed: (no message)");
  edit_last_run(db, [](nlohmann::json& j) {
    j["exit_code"] = 130;
    j["status"] = "interrupted";
  });
  CHECK_THAT(status_json("--db " + db, 1)["problems"][0].get<std::string>(), Catch::Contains("interrupted"));
  // A partial run (some input skipped) completed: not a problem.
  edit_last_run(db, [](nlohmann::json& j) {
    j["exit_code"] = 1;
    j["status"] = "partial";
  });
  CHECK(status_json("--db " + db, 0)["healthy"] == true);
}

TEST_CASE("status exits 1 for a stale run by --max-age or by an old timestamp", "[status][cli]") {
  TempDir dir;
  const std::string db = indexed(dir);
  auto j = status_json("--db " + db + " --max-age 0", 1);
  CHECK(j["max_age_hours"] == 0.0);
  CHECK_THAT(j["problems"][0].get<std::string>(), Catch::Contains("more than --max-age 0"));

  edit_last_run(db, [](nlohmann::json& run) { run["started"] = "2020-01-01T03:00:00Z"; });
  j = status_json("--db " + db, 1);  // default --max-age 36
  CHECK(j["last_run_age_hours"].get<double>() > 36);
  CHECK(run(newsindex("status --db " + db + " --max-age 1000000")).status == 0);
  // max-age from the config file; the command line wins over it.
  write_file(dir / "cfg", "max-age = 1000000\n");
  CHECK(run(newsindex("status --config " + dir / "cfg" + " --db " + db)).status == 0);
  CHECK(run(newsindex("status --config " + dir / "cfg" + " --db " + db + " --max-age 1")).status == 1);
}

TEST_CASE("status exits 1 when no run is recorded and 2 when there is no database", "[status][cli]") {
  TempDir dir;
  {
    Xapian::WritableDatabase db(dir / "empty", Xapian::DB_CREATE_OR_OPEN);
    db.set_metadata(std::string(newsearch::kMetaSchema), std::to_string(newsearch::kSchemaVersion));
    db.commit();
  }
  auto j = status_json("--db " + dir / "empty", 1);
  CHECK_THAT(j["problems"][0].get<std::string>(), Catch::Contains("no indexing run"));
  CHECK(j["articles"] == 0);
  CHECK(j["first_date"].is_null());

  const Run missing = run(newsindex("status --db " + dir / "nothing-here"));
  CHECK(missing.status == 2);
  CHECK_THAT(missing.err, Catch::Contains("no database at " + dir / "nothing-here"));
  CHECK(run(newsindex("status --db " + dir / "empty --max-age -3")).status == 2);
  CHECK(run(newsindex("status --no-such-option")).status == 2);
}

TEST_CASE("judge_health reads the age from the start time plus the duration", "[status]") {
  newsearch::DatabaseStatus st;
  st.last_run = {{"status", "ok"}, {"exit_code", 0}, {"started", "2025-03-01T00:00:00Z"}, {"seconds", 3600.0}};
  const double finished = 1740787200.0 + 3600;  // 2025-03-01T01:00:00Z
  auto h = newsearch::judge_health(st, 36, finished + 35 * 3600);
  CHECK(h.problems.empty());
  REQUIRE(h.last_run_age_hours);
  CHECK(*h.last_run_age_hours == Approx(35));
  h = newsearch::judge_health(st, 36, finished + 37 * 3600);
  CHECK(h.problems.size() == 1);
  st.last_run["started"] = "yesterday";
  CHECK_THAT(newsearch::judge_health(st, 36, finished).problems.back(), Catch::Contains("no valid start time"));
}

TEST_CASE("stats counts authors tags and months over the whole archive", "[status][cli]") {
  TempDir dir;
  const std::string db = indexed(dir);
  const Run r = run(newsindex("stats --json --db " + db));
  INFO(r.err);
  REQUIRE(r.status == 0);
  const auto j = nlohmann::json::parse(r.out);
  CHECK(j["articles"] == 3);
  REQUIRE(j["authors"].size() == 2);
  CHECK(j["authors"][0] == nlohmann::json({{"value", "Anna Berg"}, {"count", 2}}));
  CHECK(j["authors"][1] == nlohmann::json({{"value", "Sofia Marin"}, {"count", 1}}));
  CHECK(j["tags"][0] == nlohmann::json({{"value", "Interest rates"}, {"count", 2}}));
  CHECK(j["months"][0] == nlohmann::json({{"value", "2025-03"}, {"count", 2}}));
  CHECK(j["months"][1] == nlohmann::json({{"value", "2024-10"}, {"count", 1}}));
  CHECK(j["people"].is_array());

  const Run top1 = run(newsindex("stats --top 1 --db " + db));
  REQUIRE(top1.status == 0);
  CHECK_THAT(top1.out, Catch::Contains("Top authors\n       2  Anna Berg\n\nTop people"));
  CHECK(run(newsindex("stats --top 0 --db " + db)).status == 2);
  CHECK(run(newsindex("stats --db " + dir / "none")).status == 2);
}
