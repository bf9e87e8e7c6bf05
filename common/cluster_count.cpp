#include "common/cluster_count.hpp"

#include <sstream>
#include <string>

#include "common/schema.hpp"

namespace newsearch {

namespace {
std::string stamp(const std::string& uuid, Xapian::rev revision) { return uuid + " " + std::to_string(revision) + " "; }
}  // namespace

Xapian::doccount count_cluster_terms(const Xapian::Database& db) {
  const std::string prefix(kPrefixDupCluster);
  Xapian::doccount clusters = 0;
  for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t) ++clusters;
  return clusters;
}

void store_cluster_count(Xapian::WritableDatabase& db) {
  db.set_metadata(std::string(kMetaClusterCount),
                  stamp(db.get_uuid(), db.get_revision() + 1) + std::to_string(count_cluster_terms(db)));
}

std::optional<Xapian::doccount> stored_cluster_count(const Xapian::Database& db) {
  try {
    const std::string stored = db.get_metadata(std::string(kMetaClusterCount));
    const std::string expected = stamp(db.get_uuid(), db.get_revision());
    if (!stored.starts_with(expected)) return std::nullopt;
    std::istringstream in(stored.substr(expected.size()));
    Xapian::doccount count;
    if (in >> count && in.eof()) return count;
  } catch (const Xapian::Error&) {  // a remote shard or a stub may not tell its revision
  }
  return std::nullopt;
}

}  // namespace newsearch
