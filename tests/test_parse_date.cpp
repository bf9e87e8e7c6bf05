#include <catch2/catch.hpp>

#include "common/parse_date.hpp"

using namespace newsearch;

TEST_CASE("date forms parse to the minute as written", "[date]") {
  struct Case {
    const char* text;
    const char* iso;
    bool has_time;
  } cases[] = {
      {"21:09, 01 March, 2025", "2025-03-01T21:09", true},
      {"2025-03-01", "2025-03-01T00:00", false},
      {"2025-03-01T21:09:00+02:00", "2025-03-01T21:09", true},
      {"2025-03-01T21:09Z", "2025-03-01T21:09", true},
      {"2025-03-01 21:09", "2025-03-01T21:09", true},
      {"March 1, 2025", "2025-03-01T00:00", false},
      {"Mar 1, 2025 9:05", "2025-03-01T09:05", true},
      {"1 March 2025 21:09", "2025-03-01T21:09", true},
      {"01.03.2025 21:09", "2025-03-01T21:09", true},
      {"Saturday, 1 March 2025", "2025-03-01T00:00", false},
      {"29 February 2024", "2024-02-29T00:00", false},
      {"00:00, 01 January, 1996", "1996-01-01T00:00", true},
      {"01:30, 19 серпня, 2025", "2025-08-19T01:30", true},
      {"5 марта 2025 10:00", "2025-03-05T10:00", true},
      // what news sites put around a date: the lead word and the zone are dropped
      {"Published 21:09 GMT, 1 March 2025", "2025-03-01T21:09", true},
      {"Updated: March 1, 2025", "2025-03-01T00:00", false},
      {"Last updated 01.03.2025 21:09 CET", "2025-03-01T21:09", true},
      {"Posted on 2025-03-01 at 9:05 pm EST", "2025-03-01T21:05", true},
  };
  for (const auto& c : cases) {
    INFO(c.text);
    auto d = parse_date(c.text);
    REQUIRE(d);
    CHECK(d->iso_minute() == c.iso);
    CHECK(d->has_time() == c.has_time);
  }
}

TEST_CASE("not dates", "[date]") {
  for (const char* bad : {"", "hello", "2025", "March 2025", "32 March 2025", "29 February 2025", "2025-13-01",
                          "25:00, 01 March, 2025", "The meeting on 1 March 2025 was long.", "1 2 3", "Київ 2025",
                          "Updated news on the war", "Published:"}) {
    INFO(bad);
    CHECK_FALSE(parse_date(bad));
  }
}

TEST_CASE("query date bounds", "[date]") {
  CHECK(parse_date_bound("2025", false)->sortable() == "202501010000");
  CHECK(parse_date_bound("2025", true)->sortable() == "202512312359");
  CHECK(parse_date_bound("2024-02", true)->sortable() == "202402292359");
  CHECK(parse_date_bound("2025-03-01", false)->sortable() == "202503010000");
  CHECK_FALSE(parse_date_bound("2025-02-30", false));
  CHECK_FALSE(parse_date_bound("25-01", false));
  CHECK_FALSE(parse_date_bound("2025-", false));
  CHECK_FALSE(parse_date_bound("yesterday", false));
}
