#include "searcher/facets.hpp"

#include <algorithm>
#include <ctime>
#include <nlohmann/json.hpp>

#include "common/schema.hpp"

namespace newsearch {

namespace {
void count_list(const std::string& packed, std::unordered_map<std::string, Xapian::doccount>& into) {
  std::size_t start = 0;
  while (start < packed.size()) {
    std::size_t end = packed.find(kValueSeparator, start);
    if (end == std::string::npos) end = packed.size();
    if (end > start) ++into[packed.substr(start, end - start)];
    start = end + 1;
  }
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
  count_list(doc.get_value(kSlotAuthors), counts_["authors"]);
  count_list(doc.get_value(kSlotPeople), counts_["people"]);
  count_list(doc.get_value(kSlotTags), counts_["tags"]);
  const std::string date = doc.get_value(kSlotDate);  // YYYYMMDDHHMM
  if (date.size() >= 8) {
    ++counts_["months"][date.substr(0, 4) + "-" + date.substr(4, 2)];
    ++days_[date.substr(0, 4) + "-" + date.substr(4, 2) + "-" + date.substr(6, 2)];
  }
}

void FacetSpy::add_value_counts(Xapian::valueno slot, const Xapian::ValueCountMatchSpy& spy) {
  // A packed value "a|b" seen n times counts n for a and n for b, as operator() would.
  const char* facet = slot == kSlotAuthors ? "authors" : slot == kSlotPeople ? "people" : slot == kSlotTags ? "tags" : nullptr;
  for (auto it = spy.values_begin(); it != spy.values_end(); ++it) {
    const std::string value = *it;
    const Xapian::doccount n = it.get_termfreq();
    if (facet) {
      std::unordered_map<std::string, Xapian::doccount> once;
      count_list(value, once);
      auto& into = counts_[facet];
      for (const auto& [item, k] : once) into[item] += k * n;
    } else if (slot == kSlotDate && value.size() >= 8) {
      counts_["months"][value.substr(0, 4) + "-" + value.substr(4, 2)] += n;
      days_[value.substr(0, 4) + "-" + value.substr(4, 2) + "-" + value.substr(6, 2)] += n;
    }
  }
  if (slot == kSlotDate) seen_ += static_cast<Xapian::doccount>(spy.get_total());
}

std::string FacetSpy::serialise_results() const {
  nlohmann::json j;
  for (const auto& [facet, m] : counts_) j["c"][facet] = m;
  j["d"] = days_;
  j["n"] = seen_;
  return j.dump();
}

void FacetSpy::merge_results(const std::string& serialised) {
  auto j = nlohmann::json::parse(serialised, nullptr, false);
  if (!j.is_object()) return;
  if (j.contains("c"))
    for (auto& [facet, m] : j["c"].items())
      for (auto& [value, n] : m.items()) counts_[facet][value] += n.get<Xapian::doccount>();
  if (j.contains("d"))
    for (auto& [day, n] : j["d"].items()) days_[day] += n.get<Xapian::doccount>();
  seen_ += j.value("n", Xapian::doccount{0});
}

std::vector<std::pair<std::string, Xapian::doccount>> FacetSpy::top(const std::string& facet, std::size_t n) const {
  std::vector<std::pair<std::string, Xapian::doccount>> out;
  auto it = counts_.find(facet);
  if (it == counts_.end()) return out;
  out.assign(it->second.begin(), it->second.end());
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  });
  if (out.size() > n) out.resize(n);
  return out;
}

std::vector<std::pair<std::string, Xapian::doccount>> FacetSpy::timeline() const {
  std::vector<std::pair<std::string, Xapian::doccount>> out;
  if (days_.empty()) return out;
  const long span = days_since_epoch(days_.rbegin()->first) - days_since_epoch(days_.begin()->first);
  if (span < 62) return {days_.begin(), days_.end()};
  std::map<std::string, Xapian::doccount> months;
  for (const auto& [day, n] : days_) months[day.substr(0, 7)] += n;
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
