#pragma once
// How many hits a search announces when it did not weigh every match: an estimate of the
// matches before collapsing (Xapian's, or a sample's: sampled_count.hpp) times the share of
// them that collapsing keeps.
//
// With collapsing, Xapian 1.4 scales its estimate by the share of duplicates among the
// documents it weighed, which are the best ones, and wire copies rank side by side: on
// reuters21578 "oil" was announced as "about 1000" for 1,545 collapsed hits. The uncollapsed
// estimate (exact for one word) times the archive's share of documents that are not a
// further copy is within a few percent there.
#include <xapian.h>

#include <vector>

namespace newsearch {

/// The share of `db`'s documents that stand for themselves: all but the second and later
/// copies of each duplicate cluster (the articles with a collapse key less the clusters,
/// one cluster term each). 1 when there are none. `parts`: `db`'s databases each alone,
/// whose counts the indexer stored (common/cluster_count.hpp); none: the terms are counted.
double unique_share(const Xapian::Database& db, const std::vector<Xapian::Database>& parts = {});

/// The announced number of hits: `uncollapsed_estimate` times `share` (1 without
/// collapsing), to three significant figures (it is an estimate), within Xapian's bounds
/// [lower, upper] of the hits.
Xapian::doccount announced_total(Xapian::doccount uncollapsed_estimate, double share, Xapian::doccount lower,
                                 Xapian::doccount upper);

}  // namespace newsearch
