#pragma once
// Publication dates in the forms news archives write them.
#include <optional>
#include <string_view>

#include "common/article.hpp"

namespace newsearch {

/// Parses a date line, keeping it as written (to the minute, time zone not converted):
///   "21:09, 01 March, 2025"   "2025-03-01"   "2025-03-01T21:09:00+02:00"   "2025-03-01 21:09"
///   "March 1, 2025"   "Mar 1, 2025 21:09"   "1 March 2025 21:09"   "01.03.2025 21:09"
///   "01/03/2025" (day first)   "Saturday, 1 March 2025"
/// Returns nullopt if text is not a valid date of one of these forms.
std::optional<ArticleDate> parse_date(std::string_view text);

/// Parses a query-side date bound: "2025", "2025-03", "2025-03-01" (also with '.' or '/');
/// for "upper" the bound is the end of that year, month or day.
std::optional<ArticleDate> parse_date_bound(std::string_view text, bool upper);

/// Whether `lower` (lower case) is an English month or weekday written out: "march", "monday".
bool is_month_or_weekday_name(std::string_view lower);

/// Number of days in a month (Gregorian).
int days_in_month(int year, int month);

}  // namespace newsearch
