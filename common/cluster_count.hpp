#pragma once
// The number of duplicate clusters of a database (its cluster terms, kPrefixDupCluster),
// which the total a collapsed search announces needs (searcher/announced_total.hpp).
// Counting them walks every cluster term: ~40M instructions at a million articles, which a
// one-off `newsearch` paid on every collapsed search whose matches it did not all see. The
// indexer stores the count at the end of each run, stamped like the champion lists with the
// database's UUID and the revision it describes, so a stale count is never read.
#include <xapian.h>

#include <optional>
#include <string_view>

namespace newsearch {

inline constexpr std::string_view kMetaClusterCount = "newsearch.clusters";  ///< "UUID REVISION COUNT"

/// Walks the cluster terms.
Xapian::doccount count_cluster_terms(const Xapian::Database& db);

/// Just before a run's last commit: the count, stamped for the revision that commit makes.
void store_cluster_count(Xapian::WritableDatabase& db);

/// The stored count, where it describes `db` (one database) as it is now.
std::optional<Xapian::doccount> stored_cluster_count(const Xapian::Database& db);

}  // namespace newsearch
