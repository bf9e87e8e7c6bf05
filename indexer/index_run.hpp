#pragma once
// One run of newsindex: walk, detect changes, parse on worker threads, write on one thread,
// commit in batches, remove what vanished. Interruptible (SIGINT/SIGTERM) at any point:
// what is committed is consistent, and a rerun completes the job.
#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

#include "indexer/summary.hpp"

namespace newsearch {

struct IndexOptions {
  std::string database;
  std::vector<std::string> paths;
  std::string language = "english";
  std::vector<std::string> extensions = {".txt", ".jsonl"};
  std::uint64_t max_size = 10 * 1024 * 1024;
  std::size_t batch = 5000;
  /// Commit early when the process has grown by this many MB since writing started (memory_budget.hpp).
  std::size_t memory_mb = 128;
  unsigned threads = 0;  ///< worker threads; 0 = one per core
  bool keep_missing = false;
  bool quiet = false;
  bool spelling = true;
  /// A database a run starts empty (or --rebuild) gets word pairs (common/bigrams.hpp); later
  /// runs keep to what the database has.
  bool word_pairs = true;
  std::string aliases_file;
  /// Writer threads for a full build (empty database or --rebuild); 0 = one per core.
  /// An update of a non-empty database always uses one writer.
  unsigned shards = 0;
  /// A full build's writer starts a new segment database every this many articles (0: never).
  std::size_t segment_size = 20000;
  bool rebuild = false;  ///< build a new index aside and swap it in when complete
};

/// Set by the signal handler: stop taking new files, commit, and return.
extern std::atomic<bool> g_stop_requested;

/// Runs the indexer; never throws. The summary says what happened (exit_code()).
RunSummary run_index(const IndexOptions& options);

}  // namespace newsearch
