#pragma once
// The small real database the query fuzz target searches: corpus/ indexed by the real
// indexer into a folder of the caller's.
#include <string>

#include "indexer/index_run.hpp"

namespace newsearch::fuzz {

/// Indexes source_dir/corpus into db; "" on success, else the indexer's error.
inline std::string build_query_db(const std::string& source_dir, const std::string& db) {
  IndexOptions o;
  o.database = db;
  o.paths = {source_dir + "/corpus"};
  o.quiet = true;
  o.threads = 1;
  o.shards = 1;
  const RunSummary s = run_index(o);
  return s.error;
}

}  // namespace newsearch::fuzz
