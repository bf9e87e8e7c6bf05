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

// Xapian 1.4.22 leaks the distance of a NEAR/n or ADJ/n (a 96-byte Term) when the operator
// arrives where a grammar rule fails (found by fuzz_query, LeakSanitizer): the front end keeps
// the distance only right after a single word that starts "word NEAR word"; elsewhere the
// query is a syntax error anyway and the plain operator (which carries nothing) goes instead.
TEST_CASE("query front end: NEAR/n and ADJ/n keep their distance only where Xapian's grammar takes it",
          "[reliability][fuzz][query]") {
  auto rewrite = [](const std::string& q) {
    return newsearch::rewrite_query(q, newsearch::QueryBuilder::field_names(), nullptr);
  };
  auto said_distance = [](const newsearch::FrontendResult& r) {
    for (const auto& n : r.notices)
      if (n.find("distance of") != std::string::npos) return true;
    return false;
  };
  for (const char* q : {"talks NEAR/3 useful", "x -a NEAR/2 b", "+a ADJ/2 b", "(a NEAR/2 b)", "a OR b NEAR/2 c",
                        "\"x y\" a NEAR/2 b", "a NEAR/2 b NEAR/3 c", "a ADJ/2 b ADJ/3 c", "x NEAR/0 y"}) {
    INFO(q);
    const auto r = rewrite(q);
    CHECK(r.query == q);
    CHECK_FALSE(said_distance(r));
  }
  const std::pair<const char*, const char*> dropped[] = {
      {"a XOR \"\" ADJ/1 b", "a XOR \"\" ADJ b"},          // "" is nothing to Xapian: XOR has no right side
      {"a XOR - ADJ/1 b", "a XOR - ADJ b"},                // so is a lone '-'
      {"a XOR \xEF\xBF\xBD ADJ/1 b", "a XOR \xEF\xBF\xBD ADJ b"},  // and a character that is no word
      {"-\"a b\" NEAR/2 c", "-\"a b\" NEAR c"},            // only a word can stand before NEAR
      {"-a* NEAR/2 c", "-a* NEAR c"},
      {"-a-b NEAR/2 c", "-a-b NEAR c"},
      {"-\xE4\xB8\xAD\xE6\x96\x87 NEAR/2 b", "-\xE4\xB8\xAD\xE6\x96\x87 NEAR b"},  // CJK is not one term
      {"-a ADJ/2 b NEAR/3 c", "-a ADJ/2 b NEAR c"},        // one kind per chain
      {"x y NEAR/2 z", "x y NEAR z"},                      // a word after a word is a group
  };
  for (const auto& [q, expected] : dropped) {
    INFO(q);
    const auto r = rewrite(q);
    CHECK(r.query == expected);
    CHECK(said_distance(r));
  }
}
