#include "searcher/facets.hpp"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <nlohmann/json.hpp>
#include <string_view>

#include "common/schema.hpp"

namespace newsearch {

namespace {

// Adds n for each item of a packed multi-value ("a<US>b").
void count_list(std::string_view packed, std::unordered_map<std::string, Xapian::doccount>& into, Xapian::doccount n) {
  while (!packed.empty()) {
    const std::size_t end = std::min(packed.find(kValueSeparator), packed.size());
    if (end > 0) into[std::string(packed.substr(0, end))] += n;
    packed.remove_prefix(std::min(end + 1, packed.size()));
  }
}

// "YYYYMMDD..." -> YYYYMMDD, or 0 if the value does not start with eight digits.
std::uint32_t day_number(std::string_view value) {
  if (value.size() < 8) return 0;
  std::uint32_t n = 0;
  for (int i = 0; i < 8; ++i) {
    const char c = value[static_cast<std::size_t>(i)];
    if (c < '0' || c > '9') return 0;
    n = n * 10 + static_cast<std::uint32_t>(c - '0');
  }
  return n;
}

std::string iso_day(std::uint32_t d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04u-%02u-%02u", d / 10000 % 10000, d / 100 % 100, d % 100);
  return buf;
}

long days_since_epoch(const std::string& ymd) {  // "YYYY-MM-DD"
  std::tm tm{};
  tm.tm_year = std::stoi(ymd.substr(0, 4)) - 1900;
  tm.tm_mon = std::stoi(ymd.substr(5, 2)) - 1;
  tm.tm_mday = std::stoi(ymd.substr(8, 2));
  return static_cast<long>(timegm(&tm) / 86400);
}

}  // namespace

void FacetSpy::operator()(const Xapian::Document& doc, double) {
  ++seen_;
  const std::string bundle = bundled_ ? doc.get_value(kSlotFacets) : std::string();
  if (!bundle.empty()) {
    std::string_view rest = bundle;
    for (std::size_t list = 0; list < kLists; ++list) {
      const std::size_t end = std::min(rest.find(kFacetGroupSeparator), rest.size());
      count_list(rest.substr(0, end), lists_[list], 1);
      rest.remove_prefix(std::min(end + 1, rest.size()));
    }
    if (const std::uint32_t d = day_number(rest)) ++days_[d];
    return;
  }
  // Written before kSlotFacets existed: the separate slots.
  count_list(doc.get_value(kSlotAuthors), lists_[kAuthors], 1);
  count_list(doc.get_value(kSlotPeople), lists_[kPeople], 1);
  count_list(doc.get_value(kSlotTags), lists_[kTags], 1);
  add_day(doc.get_value(kSlotDate), 1);
}

void FacetSpy::add_day(const std::string& date_value, Xapian::doccount n) {
  if (const std::uint32_t d = day_number(date_value)) days_[d] += n;
}

void FacetSpy::add_value_counts(Xapian::valueno slot, const Xapian::ValueCountMatchSpy& spy) {
  // A packed value "a|b" seen n times counts n for a and n for b, as operator() would.
  const int list = slot == kSlotAuthors ? kAuthors : slot == kSlotPeople ? kPeople : slot == kSlotTags ? kTags : -1;
  for (auto it = spy.values_begin(); it != spy.values_end(); ++it) {
    const Xapian::doccount n = it.get_termfreq();
    if (list >= 0)
      count_list(*it, lists_[static_cast<std::size_t>(list)], n);
    else if (slot == kSlotDate)
      add_day(*it, n);
  }
  if (slot == kSlotDate) seen_ += static_cast<Xapian::doccount>(spy.get_total());
}

std::map<std::string, Xapian::doccount> FacetSpy::days() const {
  std::map<std::string, Xapian::doccount> out;
  for (const auto& [d, n] : days_) out[iso_day(d)] += n;
  return out;
}

FacetSpy::Counts FacetSpy::months() const {
  Counts out;
  for (const auto& [d, n] : days_) out[iso_day(d).substr(0, 7)] += n;
  return out;
}

std::string FacetSpy::serialise_results() const {
  nlohmann::json j;
  for (std::size_t i = 0; i < kLists; ++i) j["c"][kListNames[i]] = lists_[i];
  j["d"] = days();
  j["n"] = seen_;
  return j.dump();
}

void FacetSpy::merge_results(const std::string& serialised) {
  auto j = nlohmann::json::parse(serialised, nullptr, false);
  if (!j.is_object()) return;
  if (j.contains("c"))
    for (std::size_t i = 0; i < kLists; ++i)
      if (j["c"].contains(kListNames[i]))
        for (auto& [value, n] : j["c"][kListNames[i]].items()) lists_[i][value] += n.get<Xapian::doccount>();
  if (j.contains("d"))
    for (auto& [day, n] : j["d"].items()) {
      std::string digits = day;
      std::erase(digits, '-');
      add_day(digits, n.get<Xapian::doccount>());
    }
  seen_ += j.value("n", Xapian::doccount{0});
}

std::vector<std::pair<std::string, Xapian::doccount>> FacetSpy::top(const std::string& facet, std::size_t n) const {
  Counts month_counts;
  const Counts* counts = nullptr;
  for (std::size_t i = 0; i < kLists; ++i)
    if (facet == kListNames[i]) counts = &lists_[i];
  if (facet == "months") counts = &(month_counts = months());
  if (!counts) return {};
  std::vector<std::pair<std::string, Xapian::doccount>> out(std::min(n, counts->size()));
  std::partial_sort_copy(counts->begin(), counts->end(), out.begin(), out.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  });
  return out;
}

std::vector<std::pair<std::string, Xapian::doccount>> FacetSpy::timeline() const {
  std::vector<std::pair<std::string, Xapian::doccount>> out;
  if (days_.empty()) return out;
  const auto by_day = days();
  const long span = days_since_epoch(by_day.rbegin()->first) - days_since_epoch(by_day.begin()->first);
  if (span < 62) return {by_day.begin(), by_day.end()};
  std::map<std::string, Xapian::doccount> months;
  for (const auto& [day, n] : by_day) months[day.substr(0, 7)] += n;
  // Every month in the span, empty ones too: a timeline's gaps are information.
  const std::string first = months.begin()->first, last = months.rbegin()->first;
  int y = std::stoi(first.substr(0, 4)), m = std::stoi(first.substr(5, 2));
  for (;;) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d", y % 10000, m % 100);
    auto it = months.find(buf);
    out.emplace_back(buf, it == months.end() ? 0 : it->second);
    if (buf == last || out.size() > 1200) break;
    if (++m > 12) m = 1, ++y;
  }
  return out;
}

}  // namespace newsearch
