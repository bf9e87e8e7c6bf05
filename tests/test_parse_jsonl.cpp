#include <catch2/catch.hpp>

#include "common/parse_jsonl.hpp"

using namespace newsearch;

TEST_CASE("JSON Lines article with every key", "[jsonl]") {
  std::string err;
  auto a = parse_jsonl_line(
      R"({"title":"Rates held","authors":["A B","C D"],"date":"2025-03-01T10:00:00Z","body":"One.\nTwo.","tags":["ECB"],"url":"https://x.org/1","extra":5})",
      &err);
  REQUIRE(a);
  CHECK(a->title == "Rates held");
  CHECK(a->authors == std::vector<std::string>{"A B", "C D"});
  CHECK(a->date->iso_minute() == "2025-03-01T10:00");
  CHECK(a->paragraphs.size() == 2);
  CHECK(a->tags == std::vector<std::string>{"ECB"});
  CHECK(a->url == "https://x.org/1");
}

TEST_CASE("JSON Lines: author string text key bad lines", "[jsonl]") {
  std::string err;
  auto a = parse_jsonl_line(R"({"title":"T","author":"A B and C D","text":"Body"})", &err);
  REQUIRE(a);
  CHECK(a->authors.size() == 2);
  CHECK(a->paragraphs.size() == 1);
  CHECK_FALSE(parse_jsonl_line("{not json", &err));
  CHECK(err == "not valid JSON");
  CHECK_FALSE(parse_jsonl_line("[1,2]", &err));
  CHECK_FALSE(parse_jsonl_line(R"({"title":5})", &err));
  CHECK(err.find("title") != std::string::npos);
  CHECK_FALSE(parse_jsonl_line(R"({"url":"x"})", &err));
  auto bad_date = parse_jsonl_line(R"({"title":"T","date":"soon"})", &err);
  REQUIRE(bad_date);
  CHECK_FALSE(bad_date->date);
  CHECK(bad_date->warnings.size() == 1);
}
