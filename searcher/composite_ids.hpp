#pragma once
// Document ids of several databases searched as one. Xapian numbers document d of the i-th
// (0-based) of n databases (d - 1) * n + i + 1; a posting source is init()ed once for each
// database alone, with that database's own ids, and finds which one it is by its UUID.
#include <xapian.h>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

namespace newsearch {

inline Xapian::docid composite_id(Xapian::docid local, Xapian::docid shard, Xapian::docid shards) {
  return (local - 1) * shards + shard + 1;
}
inline Xapian::docid shard_of_id(Xapian::docid composite, Xapian::docid shards) { return (composite - 1) % shards; }
inline Xapian::docid local_id(Xapian::docid composite, Xapian::docid shards) { return (composite - 1) / shards + 1; }

/// Which of the databases named by `uuids` (in order; none or one for a single database)
/// db is: 0 for a single database, nothing where db is none of them.
inline std::optional<Xapian::docid> shard_index(const Xapian::Database& db, const std::vector<std::string>& uuids) {
  if (uuids.size() <= 1) return 0;
  const auto it = std::find(uuids.begin(), uuids.end(), db.get_uuid());
  if (it == uuids.end()) return std::nullopt;
  return static_cast<Xapian::docid>(it - uuids.begin());
}

}  // namespace newsearch
