#pragma once
// Facet and timeline counts over ALL matches (a Xapian match spy sees every match, not
// only the shown page): authors, people, tags, months and days, in one pass.
#include <xapian.h>

#include <map>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace newsearch {

class FacetSpy : public Xapian::MatchSpy {
 public:
  void operator()(const Xapian::Document& doc, double weight) override;
  Xapian::MatchSpy* clone() const override { return new FacetSpy; }
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
  std::map<std::string, std::unordered_map<std::string, Xapian::doccount>> counts_;
  std::map<std::string, Xapian::doccount> days_;
  Xapian::doccount seen_ = 0;
};

}  // namespace newsearch
