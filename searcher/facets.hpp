#pragma once
// Facet and timeline counts over ALL matches (a Xapian match spy sees every match, not
// only the shown page): authors, people, tags, months and days, in one pass. The spy runs
// once per match, so it counts into flat maps (days as YYYYMMDD numbers; months are summed
// from the days at the end) and allocates nothing for short values.
#include <xapian.h>

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace newsearch {

class FacetSpy : public Xapian::MatchSpy {
 public:
  /// `bundled`: the database has kSlotFacets (else only the separate slots are read).
  explicit FacetSpy(bool bundled = true) : bundled_(bundled) {}
  void operator()(const Xapian::Document& doc, double weight) override;
  Xapian::MatchSpy* clone() const override { return new FacetSpy(bundled_); }
  std::string name() const override { return "newsearch.FacetSpy"; }
  std::string serialise() const override { return {}; }
  Xapian::MatchSpy* unserialise(const std::string&, const Xapian::Registry&) const override { return new FacetSpy; }
  std::string serialise_results() const override;
  void merge_results(const std::string& serialised) override;

  /// The top n values of a facet ("authors", "people", "tags", "months") by count.
  std::vector<std::pair<std::string, Xapian::doccount>> top(const std::string& facet, std::size_t n) const;
  /// Counts per month (YYYY-MM), or per day (YYYY-MM-DD) when matches span under 62 days.
  std::vector<std::pair<std::string, Xapian::doccount>> timeline() const;
  Xapian::doccount seen() const { return seen_; }

  /// Adds the counts of a built-in ValueCountMatchSpy on kSlotAuthors, kSlotPeople,
  /// kSlotTags or kSlotDate: the same numbers this spy would have counted. For remote
  /// shards, whose xapian-tcpsrv knows only Xapian's own match spies.
  void add_value_counts(Xapian::valueno slot, const Xapian::ValueCountMatchSpy& spy);

 private:
  using Counts = std::unordered_map<std::string, Xapian::doccount>;
  enum List { kAuthors, kPeople, kTags, kLists };
  static constexpr std::array<const char*, kLists> kListNames = {"authors", "people", "tags"};

  void add_day(const std::string& date_value, Xapian::doccount n);
  /// Counts per day as "YYYY-MM-DD", in date order.
  std::map<std::string, Xapian::doccount> days() const;
  Counts months() const;

  std::array<Counts, kLists> lists_;
  std::unordered_map<std::uint32_t, Xapian::doccount> days_;  ///< YYYYMMDD -> matches
  Xapian::doccount seen_ = 0;
  bool bundled_;
};

}  // namespace newsearch
