#include "searcher/announced_total.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "common/schema.hpp"

namespace newsearch {

double unique_share(const Xapian::Database& db) {
  const Xapian::doccount all = db.get_doccount();
  if (all == 0) return 1;
  // Copies beyond the first of each cluster: the articles with a collapse key, less one a
  // cluster. (A cluster's first article may lack the cluster term: near_duplicates.hpp.)
  const std::string prefix(kPrefixDupCluster);
  double clusters = 0;
  for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t) ++clusters;
  const double copies = db.get_value_freq(kSlotDupKey) - clusters;
  return std::clamp(1 - copies / all, 0.0, 1.0);
}

Xapian::doccount announced_total(Xapian::doccount uncollapsed_estimate, double share, Xapian::doccount lower,
                                 Xapian::doccount upper) {
  double estimate = uncollapsed_estimate * share;
  if (estimate >= 1000) {
    const double unit = std::pow(10.0, std::floor(std::log10(estimate)) - 2);
    estimate = std::round(estimate / unit) * unit;
  }
  const auto rounded = static_cast<Xapian::doccount>(std::llround(estimate));
  return std::clamp(rounded, std::min(lower, upper), upper);
}

}  // namespace newsearch
