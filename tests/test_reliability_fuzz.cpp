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

TEST_CASE("fuzz regressions: stored record reader", "[reliability][fuzz]") {
  replay("stored_record", [](const std::string& d) { return newsearch::fuzz::stored_record(d); });
}

TEST_CASE("fuzz regressions: query front end builder and search on a real database", "[reliability][fuzz]") {
  TempDir dir;
  REQUIRE(newsearch::fuzz::build_query_db(NEWSEARCH_SOURCE_DIR, dir / "db") == "");
  newsearch::fuzz::QueryTarget target(dir / "db");
  REQUIRE(target.ok());
  replay("query", [&](const std::string& d) { return target.run(d); });
}

// Xapian 1.4.22's query grammar frees nothing it holds when one of its rules fails, and the
// token it was looking at leaks (a 96-byte Term: found by fuzz_query, LeakSanitizer). The front
// end keeps such queries out of the grammar: a NEAR/ADJ chain goes in brackets, a distance stays
// only right after a single word, tokens Xapian ignores do not count as operands, and a run of
// only hated items becomes NOT (Xapian refuses "-a" and searched FOR a instead).
TEST_CASE("query front end: no query reaches Xapian's grammar where a failing rule leaks",
          "[reliability][fuzz][query]") {
  auto rewrite = [](const std::string& q) {
    return newsearch::rewrite_query(q, newsearch::QueryBuilder::field_names(), nullptr);
  };
  auto said = [](const newsearch::FrontendResult& r, const std::string& what) {
    for (const auto& n : r.notices)
      if (n.find(what) != std::string::npos) return true;
    return false;
  };
  // The distance is kept; the chain goes in brackets.
  const std::pair<const char*, const char*> kept[] = {
      {"talks NEAR/3 useful", "(talks NEAR/3 useful)"},
      {"x -a NEAR/2 b", "x -(a NEAR/2 b)"},
      {"(a NEAR/2 b)", "((a NEAR/2 b))"},
      {"a OR b NEAR/2 c", "a OR (b NEAR/2 c)"},
      {"\"x y\" a NEAR/2 b", "\"x y\" (a NEAR/2 b)"},
      {"a NEAR/2 b NEAR/3 c", "(a NEAR/2 b NEAR/3 c)"},
      {"a ADJ/2 b ADJ/3 c", "(a ADJ/2 b ADJ/3 c)"},
      {"x y NEAR/2 z", "x (y NEAR/2 z)"},          // was a syntax error: a word before the chain
      {"-a NEAR/2 b c", "-(a NEAR/2 b) c"},        // leaked c (a GROUP_TERM after the chain)
      {"x NEAR/0 y", "(x NEAR/0 y)"},              // NEAR/0 is words to Xapian: left alone
      {"a XOR \"\" ADJ/1 b", "(a ADJ/1 b)"},       // "" is nothing to Xapian: XOR had no right side
      {"a XOR - ADJ/1 b", "(a ADJ/1 b)"},          // nor has a lone '-'
      {"a XOR \xEF\xBF\xBD ADJ/1 b", "(a ADJ/1 b)"},  // nor a character that is no word
  };
  for (const auto& [q, expected] : kept) {
    INFO(q);
    const auto r = rewrite(q);
    CHECK(r.query == expected);
    CHECK_FALSE(said(r, "distance of"));
  }
  // The distance is dropped where the grammar has no place for it (only a word can stand
  // before NEAR, one kind per chain); these were hate-only runs as well.
  const std::pair<const char*, const char*> dropped[] = {
      {"-\"a b\" NEAR/2 c", "NOT (\"a b\" NEAR c)"},
      {"-a* NEAR/2 c", "NOT (a* NEAR c)"},
      {"-a-b NEAR/2 c", "NOT (a-b NEAR c)"},
      {"-\xE4\xB8\xAD\xE6\x96\x87 NEAR/2 b", "NOT (\xE4\xB8\xAD\xE6\x96\x87 NEAR b)"},  // CJK is not one term
      {"-a ADJ/2 b NEAR/3 c", "NOT (a ADJ/2 b NEAR c)"},
  };
  for (const auto& [q, expected] : dropped) {
    INFO(q);
    const auto r = rewrite(q);
    CHECK(r.query == expected);
    CHECK(said(r, "distance of"));
  }
  // Operators glued to characters Xapian skips ("\uFFFDOR" is OR to Xapian, and '(' after '"'
  // is nothing): the whole query goes without operators (found by fuzz_query).
  CHECK(rewrite("\xEF\xBF\xBDOR \"\"(ADJ/2 unity").without_operators);
  CHECK(rewrite("a XOR b\xEF\xBF\xBD c").without_operators);
  for (const char* q : {"talks NEAR/3 useful", "C++ AND x", "person:\"Mark Rutte\" OR date:2025-03..2025-04 -war",
                        "(floods OR ceasefire) AND valencia", "O'Neil -\"a b\" tag:x", "negotiat* NOT x"}) {
    INFO(q);
    CHECK_FALSE(rewrite(q).without_operators);
  }
  // Only hated items: pure NOT. With something positive beside them: unchanged.
  const std::pair<const char*, const char*> hated[] = {
      {"-a", "NOT a"}, {"x OR -b", "x OR NOT b"}, {"a AND -b", "a AND NOT b"},
      {"(-a -b)", "( NOT a NOT b)"}, {"-(a b)", "NOT (a b)"},
      {"-a b", "-a b"}, {"tag:x -a", "tag:x -a"}, {"-\"a b\" c", "-\"a b\" c"}, {"--a", "--a"},
  };
  for (const auto& [q, expected] : hated) {
    INFO(q);
    const auto r = rewrite(q);
    CHECK(r.query == expected);
    CHECK(said(r, "searched as NOT") == (std::string(q) != expected));
  }
}
