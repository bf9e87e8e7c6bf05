// Replays the inputs the fuzzers found (tests/fuzz_regressions/<target>/) and the seed
// inputs (fuzz/seeds/<target>/) through the same bodies the libFuzzer targets run
// (fuzz/fuzz_bodies.hpp): each must pass without a crash, a sanitizer report or a broken
// invariant. scripts/fuzz saves new crash inputs there.
#include <catch2/catch.hpp>

#include "fuzz/fuzz_bodies.hpp"
#include "fuzz/fuzz_query_db.hpp"
#include "helpers.hpp"

using namespace testing;

namespace {

// Every file of the target's regression and seed folders.
std::vector<std::string> inputs_of(const std::string& target) {
  std::vector<std::string> out;
  for (const std::string& dir : {source_path("tests/fuzz_regressions/" + target), source_path("fuzz/seeds/" + target)}) {
    if (!fs::is_directory(dir)) continue;
    for (auto& e : fs::directory_iterator(dir))
      if (e.is_regular_file() && e.path().filename() != "README.md") out.push_back(e.path().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

template <typename Body>
void replay(const std::string& target, Body body) {
  const auto files = inputs_of(target);
  CHECK_FALSE(files.empty());
  for (const auto& f : files) {
    INFO(f);
    const std::string data = read_file(f);
    std::string why;
    REQUIRE_NOTHROW(why = body(data));
    CHECK(why == "");
  }
}

}  // namespace

TEST_CASE("fuzz regressions: article text parser", "[reliability][fuzz]") {
  replay("parse_text", [](const std::string& d) { return newsearch::fuzz::parse_text(d); });
}

TEST_CASE("fuzz regressions: date parser", "[reliability][fuzz]") {
  replay("parse_date_line", [](const std::string& d) { return newsearch::fuzz::parse_date_line(d); });
}

TEST_CASE("fuzz regressions: JSON Lines reader", "[reliability][fuzz]") {
  replay("parse_jsonl", [](const std::string& d) { return newsearch::fuzz::parse_jsonl(d); });
}

TEST_CASE("fuzz regressions: alias file reader", "[reliability][fuzz]") {
  replay("parse_aliases", [](const std::string& d) { return newsearch::fuzz::parse_aliases(d); });
}

TEST_CASE("fuzz regressions: synonym file reader", "[reliability][fuzz]") {
  replay("parse_synonyms", [](const std::string& d) { return newsearch::fuzz::parse_synonyms(d); });
}

TEST_CASE("fuzz regressions: query front end builder and search on a real database", "[reliability][fuzz]") {
  TempDir dir;
  REQUIRE(newsearch::fuzz::build_query_db(NEWSEARCH_SOURCE_DIR, dir / "db") == "");
  newsearch::fuzz::QueryTarget target(dir / "db");
  REQUIRE(target.ok());
  replay("query", [&](const std::string& d) { return target.run(d); });
}
