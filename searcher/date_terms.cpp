#include "searcher/date_terms.hpp"

#include <cstdio>

#include "common/schema.hpp"

namespace newsearch {

namespace {

using namespace std::chrono;

// "YYYYMMDD..." (a date slot value) -> the day, if it is one.
std::optional<year_month_day> day_of(const std::string& value) {
  if (value.size() < 8) return std::nullopt;
  int y = 0;
  unsigned m = 0, d = 0;
  if (std::sscanf(value.c_str(), "%4d%2u%2u", &y, &m, &d) != 3) return std::nullopt;
  const year_month_day day{year{y}, month{m}, std::chrono::day{d}};
  if (!day.ok()) return std::nullopt;
  return day;
}

std::string term(std::string_view prefix, const char* format, int a, unsigned b = 0, unsigned c = 0) {
  char digits[16];
  std::snprintf(digits, sizeof digits, format, a, b, c);
  return std::string(prefix) + digits;
}

}  // namespace

std::optional<DaySpan> archive_days(const Xapian::Database& db) {
  try {
    const auto first = day_of(db.get_value_lower_bound(kSlotDate));
    const auto last = day_of(db.get_value_upper_bound(kSlotDate));
    if (!first || !last) return std::nullopt;
    return DaySpan{*first, *last};
  } catch (const Xapian::Error&) {
    return std::nullopt;
  }
}

std::vector<std::string> date_cover_terms(year_month_day from, year_month_day to) {
  std::vector<std::string> terms;
  sys_days day{from};
  const sys_days end{to};
  while (day <= end) {
    const year_month_day ymd{day};
    const int y = static_cast<int>(ymd.year());
    const unsigned m = static_cast<unsigned>(ymd.month());
    const unsigned d = static_cast<unsigned>(ymd.day());
    const sys_days year_end{ymd.year() / December / 31};
    const sys_days month_end{ymd.year() / ymd.month() / last};
    if (m == 1 && d == 1 && year_end <= end) {
      terms.push_back(term(kPrefixYear, "%04d", y));
      day = year_end + days{1};
    } else if (d == 1 && month_end <= end) {
      terms.push_back(term(kPrefixMonth, "%04d%02u", y, m));
      day = month_end + days{1};
    } else {
      terms.push_back(term(kPrefixDay, "%04d%02u%02u", y, m, d));
      day += days{1};
    }
  }
  return terms;
}

}  // namespace newsearch
