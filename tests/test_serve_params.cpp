// The HTTP API's parameter validation, table-driven: what is accepted, and for everything
// refused, which parameter the 400 names.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "searcher/http_params.hpp"

using namespace newsearch;

namespace {

HttpParams params(std::initializer_list<std::pair<std::string, std::string>> kv) { return HttpParams(kv.begin(), kv.end()); }

struct Refused {
  const char* what;
  HttpParams in;
  const char* parameter;
};

}  // namespace

TEST_CASE("serve params: a valid search becomes a SearchRequest", "[serve]") {
  auto r = parse_search_params(params({{"q", "subsoil deal"}, {"offset", "20"}, {"limit", "100"}, {"sort", "newest"},
                                       {"since", "2025"}, {"until", "2025-03-31"}, {"facets", "1"}, {"timeline", "0"}}));
  REQUIRE(r.ok());
  CHECK(r.value.query == "subsoil deal");
  CHECK(r.value.offset == 20);
  CHECK(r.value.limit == 100);
  CHECK(r.value.sort == SortOrder::kNewest);
  CHECK(r.value.since == "2025");
  CHECK(r.value.until == "2025-03-31");
  CHECK(r.value.facets);
  CHECK_FALSE(r.value.timeline);

  auto defaults = parse_search_params(params({{"q", "x"}}));
  REQUIRE(defaults.ok());
  CHECK(defaults.value.offset == 0);
  CHECK(defaults.value.limit == 10);
  CHECK(defaults.value.sort == SortOrder::kRelevance);
  CHECK_FALSE(defaults.value.since);
  CHECK_FALSE(defaults.value.facets);

  // The bounds themselves are allowed.
  CHECK(parse_search_params(params({{"q", std::string(kMaxQueryBytes, 'a')}, {"offset", "10000"}, {"limit", "1"}})).ok());
  CHECK(parse_search_params(params({{"q", "x"}, {"since", "2024-02-29"}, {"until", "2024-02-29"}})).ok());
  CHECK(parse_search_params(params({{"q", "x"}, {"since", "2025-03"}, {"until", "2025-03"}})).ok());
  CHECK(parse_search_params(params({{"q", "caf\xC3\xA9 \xE2\x80\x9Cquoted\xE2\x80\x9D"}})).ok());
  CHECK(parse_search_params(params({{"q", "tab\tseparated"}})).ok());
}

TEST_CASE("serve params: every invalid search parameter is refused by name", "[serve]") {
  const std::vector<Refused> cases = {
      {"no q", params({}), "q"},
      {"empty q", params({{"q", ""}}), "q"},
      {"blank q", params({{"q", "   "}}), "q"},
      {"q over 1 KB", params({{"q", std::string(kMaxQueryBytes + 1, 'a')}}), "q"},
      {"q not UTF-8", params({{"q", "caf\xE9"}}), "q"},
      {"q overlong UTF-8", params({{"q", "\xC0\xAF"}}), "q"},
      {"q with NUL", params({{"q", std::string("a\0b", 3)}}), "q"},
      {"q with a control character", params({{"q", "a\x1b[31mb"}}), "q"},
      {"q twice", params({{"q", "a"}, {"q", "b"}}), "q"},
      {"limit 0", params({{"q", "x"}, {"limit", "0"}}), "limit"},
      {"limit 101", params({{"q", "x"}, {"limit", "101"}}), "limit"},
      {"limit negative", params({{"q", "x"}, {"limit", "-1"}}), "limit"},
      {"limit not a number", params({{"q", "x"}, {"limit", "ten"}}), "limit"},
      {"limit with sign", params({{"q", "x"}, {"limit", "+5"}}), "limit"},
      {"limit empty", params({{"q", "x"}, {"limit", ""}}), "limit"},
      {"limit huge", params({{"q", "x"}, {"limit", "99999999999999999999"}}), "limit"},
      {"limit fraction", params({{"q", "x"}, {"limit", "1.5"}}), "limit"},
      {"offset over 10000", params({{"q", "x"}, {"offset", "10001"}}), "offset"},
      {"offset negative", params({{"q", "x"}, {"offset", "-10"}}), "offset"},
      {"offset hex", params({{"q", "x"}, {"offset", "0x10"}}), "offset"},
      {"sort unknown", params({{"q", "x"}, {"sort", "random"}}), "sort"},
      {"sort upper case", params({{"q", "x"}, {"sort", "Newest"}}), "sort"},
      {"sort empty", params({{"q", "x"}, {"sort", ""}}), "sort"},
      {"since not a date", params({{"q", "x"}, {"since", "yesterday"}}), "since"},
      {"since month 13", params({{"q", "x"}, {"since", "2025-13"}}), "since"},
      {"since February 30", params({{"q", "x"}, {"since", "2025-02-30"}}), "since"},
      {"since February 29 of a common year", params({{"q", "x"}, {"since", "2025-02-29"}}), "since"},
      {"since day 0", params({{"q", "x"}, {"since", "2025-03-00"}}), "since"},
      {"since short month", params({{"q", "x"}, {"since", "2025-3"}}), "since"},
      {"since with a time", params({{"q", "x"}, {"since", "2025-03-01T10:00"}}), "since"},
      {"since other separator", params({{"q", "x"}, {"since", "2025/03/01"}}), "since"},
      {"until not a date", params({{"q", "x"}, {"until", "2025-03-01x"}}), "until"},
      {"until before since", params({{"q", "x"}, {"since", "2025-03-02"}, {"until", "2025-03-01"}}), "until"},
      {"until a month before since", params({{"q", "x"}, {"since", "2025-03"}, {"until", "2025-02"}}), "until"},
      {"facets 2", params({{"q", "x"}, {"facets", "2"}}), "facets"},
      {"facets true", params({{"q", "x"}, {"facets", "true"}}), "facets"},
      {"timeline yes", params({{"q", "x"}, {"timeline", "yes"}}), "timeline"},
      {"timeline empty", params({{"q", "x"}, {"timeline", ""}}), "timeline"},
      {"unknown parameter", params({{"q", "x"}, {"limt", "5"}}), "limt"},
      {"repeated limit", params({{"q", "x"}, {"limit", "5"}, {"limit", "6"}}), "limit"},
  };
  for (const auto& c : cases) {
    INFO(c.what);
    auto r = parse_search_params(c.in);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error->parameter == c.parameter);
    CHECK_FALSE(r.error->message.empty());
  }
}

TEST_CASE("serve params: the error names the parameter and says why", "[serve]") {
  auto r = parse_search_params(params({{"q", "x"}, {"limit", "0"}}));
  REQUIRE_FALSE(r.ok());
  CHECK(r.error->message == "limit must be a whole number from 1 to 100");
  auto bad_name = parse_search_params(params({{"q", "x"}, {"\xFF<b>", "1"}}));
  REQUIRE_FALSE(bad_name.ok());
  CHECK(bad_name.error->parameter.find('\xFF') == std::string::npos);  // repaired before it is echoed
}

TEST_CASE("serve params: article ids and suggestions", "[serve]") {
  auto id = parse_article_params(params({{"id", "B25676FD5E99A1CC"}}));
  REQUIRE(id.ok());
  CHECK(id.value == "b25676fd5e99a1cc");

  const std::vector<Refused> cases = {
      {"no id", params({}), "id"},
      {"short id", params({{"id", "b25676fd5e99a1c"}}), "id"},
      {"long id", params({{"id", "b25676fd5e99a1cc0"}}), "id"},
      {"a path", params({{"id", "../../etc/passwd"}}), "id"},
      {"a file name", params({{"id", "000_b8c9ca3be790383f.txt"}}), "id"},
      {"not hex", params({{"id", "g25676fd5e99a1cc"}}), "id"},
      {"id twice", params({{"id", "b25676fd5e99a1cc"}, {"id", "b25676fd5e99a1cc"}}), "id"},
      {"unknown parameter", params({{"id", "b25676fd5e99a1cc"}, {"path", "/etc/passwd"}}), "path"},
  };
  for (const auto& c : cases) {
    INFO(c.what);
    auto r = parse_article_params(c.in);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error->parameter == c.parameter);
  }

  auto s = parse_suggest_params(params({{"q", "subsoil de"}, {"limit", "5"}}));
  REQUIRE(s.ok());
  CHECK(s.value.prefix == "subsoil de");
  CHECK(s.value.limit == 5);
  CHECK(parse_suggest_params(params({{"q", ""}})).ok());
  CHECK(parse_suggest_params(params({})).error->parameter == "q");
  CHECK(parse_suggest_params(params({{"q", "a"}, {"limit", "21"}})).error->parameter == "limit");
  CHECK(parse_suggest_params(params({{"q", "\xC3"}})).error->parameter == "q");
  CHECK(parse_suggest_params(params({{"q", "a"}, {"x", "1"}})).error->parameter == "x");
}

TEST_CASE("serve params: query strings decode as browsers encode them", "[serve]") {
  auto p = parse_query_string("/api/search?q=subsoil+deal&person=Mark%20Rutte&x=a%2Bb&empty=&bare&%71=1");
  CHECK(p.find("q")->second == "subsoil deal");  // URLSearchParams writes spaces as '+'
  CHECK(p.find("person")->second == "Mark Rutte");
  CHECK(p.find("x")->second == "a+b");
  CHECK(p.find("empty")->second.empty());
  CHECK(p.find("bare")->second.empty());
  CHECK(p.count("q") == 2);  // "%71" is "q": a second q, refused later as a repeat
  CHECK(parse_query_string("/").empty());
  CHECK(parse_query_string("/?").empty());
  CHECK(parse_query_string("/?&&").empty());
  CHECK(parse_query_string("/?q=%zz%4").find("q")->second == "%zz%4");  // malformed escapes stay
  CHECK(parse_query_string("/?q=caf%C3%A9").find("q")->second == "caf\xC3\xA9");
  CHECK(parse_query_string("/?q=%FF").find("q")->second == "\xFF");  // decoded; validation refuses it
  CHECK(parse_query_string("/?q=a%00b").find("q")->second == std::string("a\0b", 3));
}
