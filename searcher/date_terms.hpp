#pragma once
// Date ranges as terms: the days from..to become the fewest year (Y2025), month (M202503)
// and day (D20250301) terms that cover them, the way Omega does it. A boolean OR of short
// posting lists filters a query far faster than testing the date value slot of every
// candidate (bank date:1987-03-01..1987-03-31 on reuters21578: 9.3M -> 5.3M instructions).
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include <xapian.h>

namespace newsearch {

/// The first and last day with an article (from the date slot's bounds).
struct DaySpan {
  std::chrono::year_month_day first, last;
};

/// The archive's span of days, or nullopt when no article has a date (or the backend
/// cannot say).
std::optional<DaySpan> archive_days(const Xapian::Database& db);

/// The terms whose union is exactly the days from..to (inclusive); empty if to < from.
std::vector<std::string> date_cover_terms(std::chrono::year_month_day from, std::chrono::year_month_day to);

}  // namespace newsearch
