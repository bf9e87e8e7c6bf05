// Date ranges become year/month/day terms: the cover is exact (no day missed or added), and
// searches over an archive of known dates count exactly the articles in each range,
// whichever way the range is written (closed, open, --since/--until, crossing years).
#include <catch2/catch.hpp>
#include <chrono>
#include <nlohmann/json.hpp>
#include <random>
#include <set>

#include "helpers.hpp"
#include "searcher/date_terms.hpp"

using namespace testing;
using namespace std::chrono;
using newsearch::date_cover_terms;

namespace {

year_month_day ymd(int y, unsigned m, unsigned d) { return year{y} / month{m} / day{d}; }

std::string iso(year_month_day d) {
  char s[16];
  std::snprintf(s, sizeof s, "%04d-%02u-%02u", static_cast<int>(d.year()), static_cast<unsigned>(d.month()),
                static_cast<unsigned>(d.day()));
  return s;
}

// The days a set of terms covers, expanded back to days.
std::set<std::string> days_of(const std::vector<std::string>& terms) {
  std::set<std::string> covered;
  for (const auto& t : terms) {
    const int y = std::stoi(t.substr(1, 4));
    sys_days from, to;
    if (t[0] == 'Y') {
      from = ymd(y, 1, 1), to = ymd(y, 12, 31);
    } else if (t[0] == 'M') {
      const auto m = month{static_cast<unsigned>(std::stoi(t.substr(5, 2)))};
      from = year{y} / m / 1, to = year{y} / m / last;
    } else {
      from = to = ymd(y, static_cast<unsigned>(std::stoi(t.substr(5, 2))), static_cast<unsigned>(std::stoi(t.substr(7, 2))));
    }
    for (sys_days d = from; d <= to; d += days{1}) CHECK(covered.insert(iso(d)).second);  // no day twice
  }
  return covered;
}

}  // namespace

TEST_CASE("date cover: the fewest terms, exactly the days of the range", "[date][search]") {
  CHECK(date_cover_terms(ymd(2025, 3, 1), ymd(2025, 3, 31)) == std::vector<std::string>{"M202503"});
  CHECK(date_cover_terms(ymd(2024, 1, 1), ymd(2024, 12, 31)) == std::vector<std::string>{"Y2024"});
  CHECK(date_cover_terms(ymd(2024, 2, 28), ymd(2025, 3, 2)) ==
        std::vector<std::string>{"D20240228", "D20240229", "M202403", "M202404", "M202405", "M202406", "M202407",
                                 "M202408", "M202409", "M202410", "M202411", "M202412", "M202501", "M202502",
                                 "D20250301", "D20250302"});
  CHECK(date_cover_terms(ymd(2025, 3, 2), ymd(2025, 3, 1)).empty());

  std::mt19937 rng(7);
  std::uniform_int_distribution<int> offset(0, 3000);
  for (int i = 0; i < 200; ++i) {
    const sys_days a = sys_days{ymd(2018, 1, 1)} + days{offset(rng)};
    const sys_days b = a + days{offset(rng) / 3};
    std::set<std::string> expected;
    for (sys_days d = a; d <= b; d += days{1}) expected.insert(iso(year_month_day{d}));
    INFO(iso(year_month_day{a}) << ".." << iso(year_month_day{b}));
    CHECK(days_of(date_cover_terms(year_month_day{a}, year_month_day{b})) == expected);
  }
}

TEST_CASE("date ranges count exactly the articles dated within them", "[date][search]") {
  TempDir dir;
  // One article every 11 days from 2023-11-20 to 2025-02-03, so ranges cross months and years
  // (the same body: --no-collapse counts every copy).
  std::vector<year_month_day> dates;
  for (sys_days d = ymd(2023, 11, 20); d <= sys_days{ymd(2025, 2, 3)}; d += days{11}) dates.emplace_back(d);
  for (std::size_t i = 0; i < dates.size(); ++i) {
    const auto d = dates[i];
    char line[64];
    std::snprintf(line, sizeof line, "08:15, %02u %s, %d", static_cast<unsigned>(d.day()),
                  std::array{"January", "February", "March", "April", "May", "June", "July", "August", "September",
                             "October", "November", "December"}[static_cast<unsigned>(d.month()) - 1],
                  static_cast<int>(d.year()));
    write_file(dir / ("articles/a" + std::to_string(i) + ".txt"),
               article("Harbour report " + std::to_string(i), "Ana Ruiz", line, "The harbour reopened after the storm."));
  }
  REQUIRE(run(testing::newsindex("--quiet --db " + quote(dir / "db") + " " + quote(dir / "articles"))).status == 0);

  auto count = [&](const std::string& args) {
    const auto r = run(testing::newsearch("--json --facets --no-collapse --limit 1 --db " + quote(dir / "db") + " " + args));
    INFO(args << "\n" << r.err);
    REQUIRE((r.status == 0 || r.status == 1));
    return nlohmann::json::parse(r.out)["total"].get<long>();
  };
  auto expected = [&](sys_days from, sys_days to) {
    return static_cast<long>(std::count_if(dates.begin(), dates.end(), [&](auto d) { return sys_days{d} >= from && sys_days{d} <= to; }));
  };
  const sys_days first = dates.front(), last = dates.back();
  const std::vector<std::pair<sys_days, sys_days>> ranges = {
      {ymd(2023, 12, 1), ymd(2024, 3, 15)}, {ymd(2024, 1, 1), ymd(2024, 12, 31)}, {ymd(2024, 2, 9), ymd(2024, 2, 9)},
      {ymd(2023, 11, 20), ymd(2023, 11, 20)}, {ymd(2025, 2, 3), ymd(2025, 2, 3)}, {ymd(2020, 1, 1), ymd(2030, 1, 1)},
      {ymd(2024, 6, 30), ymd(2024, 7, 1)}};
  for (const auto& [from, to] : ranges) {
    const std::string a = iso(year_month_day{from}), b = iso(year_month_day{to});
    CHECK(count(quote("harbour date:" + a + ".." + b)) == expected(from, to));
    CHECK(count(quote("date:" + a + "..")) == expected(from, last + days{1}));
    CHECK(count(quote("date:.." + b)) == expected(first - days{1}, to));
    CHECK(count("--since " + a + " --until " + b + " harbour") == expected(from, to));
  }
  CHECK(count(quote("date:2026-01-01..")) == 0);  // after the archive: nothing, not an error
  CHECK(count(quote("date:..2001-12-31")) == 0);
}
