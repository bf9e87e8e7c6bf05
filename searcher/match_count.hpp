#pragma once
// How many documents a query matches, every one of them seen: without weights or positions,
// and, where the engine has a second core, on it while the page is weighed on the first.
// One pass of a boosted query that must also count its matches cannot stop early: for "oil
// prices" it weighed all 1,577 candidates (3.3M instructions); its page alone, stopping
// early, and the count beside it cost 1.7M and 1.2M.
#include <xapian.h>

#include <future>
#include <string>

#include "searcher/worker_thread.hpp"

namespace newsearch {

/// Xapian's numbers of a match. Once every match is seen, `lower` is the exact number of
/// hits, collapsed or not.
struct MatchCount {
  Xapian::doccount lower = 0, estimated = 0, upper = 0, uncollapsed = 0;
};

/// Counts the matches of `query` in `db`, collapsed on `collapse_slot` (none:
/// Xapian::BAD_VALUENO), seeing `at_least` of them (all, where that is its bound).
MatchCount count_matches(const Xapian::Database& db, const Xapian::Query& query, Xapian::valueno collapse_slot,
                         Xapian::doccount at_least);

/// A count_matches started on `thread` over `thread_db`: another handle of the same revision,
/// which the calling thread must leave alone, not even copy, until get() returns (Xapian's
/// reference counts are not atomic). Without a thread, or for a query that cannot be copied
/// to one (a posting source), the count is made on `db` when get() is called.
class PendingCount {
 public:
  PendingCount(const Xapian::Database& db, const Xapian::Query& query, Xapian::valueno collapse_slot,
               Xapian::doccount at_least, WorkerThread* thread = nullptr, const Xapian::Database* thread_db = nullptr);
  /// Waits for the thread's count, which uses this object.
  ~PendingCount();
  PendingCount(const PendingCount&) = delete;
  PendingCount& operator=(const PendingCount&) = delete;

  /// The count; rethrows what Xapian threw making it (a DatabaseModifiedError: a retry's work).
  MatchCount get();

 private:
  const Xapian::Database& db_;
  Xapian::Query query_;
  Xapian::valueno collapse_slot_;
  Xapian::doccount at_least_;
  const Xapian::Database* thread_db_ = nullptr;
  std::string serialised_;  // the thread's copy of the query
  MatchCount counted_;
  bool counted_all_ = false;  // counted_ holds the count
  std::future<void> done_;
};

}  // namespace newsearch
