#include "searcher/announced_total.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "common/cluster_count.hpp"
#include "common/schema.hpp"

namespace newsearch {

double unique_share(const Xapian::Database& db, const std::vector<Xapian::Database>& parts) {
  const Xapian::doccount all = db.get_doccount();
  if (all == 0) return 1;
  // The clusters: as the indexer counted them where every part has its count current,
  // otherwise counted here.
  double clusters = 0;
  bool all_stored = !parts.empty();
  for (const auto& part : parts) {
    const auto stored = stored_cluster_count(part);
    if (!stored) {
      all_stored = false;
      break;
    }
    clusters += *stored;
  }
  if (!all_stored) clusters = count_cluster_terms(db);
  // Copies beyond the first of each cluster: the articles with a collapse key, less one a
  // cluster. (A cluster's first article may lack the cluster term: near_duplicates.hpp.)
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
