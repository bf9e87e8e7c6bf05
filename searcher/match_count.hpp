#pragma once
// How many documents a query matches, counted apart from the page: without weights or
// positions, and, where the engine has a second core, on it while the page is weighed and
// its snippets made on the first. One pass of a boosted query that must also count its
// matches cannot stop early: for "oil prices" it weighed all 1,577 candidates (3.3M
// instructions); its page alone, stopping early, and the count beside it cost 1.7M and 1.2M.
// A sampled count (sampled_count.hpp) goes beside the snippets the same way.
#include <xapian.h>

#include <atomic>
#include <functional>
#include <future>
#include <memory>
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

/// `work` on a query, started on `thread` over `thread_db`: another handle of the same
/// revision, which the calling thread must leave alone, not even copy, until get() returns
/// (Xapian's reference counts are not atomic; the thread gets its own copy of the query, and
/// `work` must hold no Xapian object). Without a thread, or for a query that cannot be copied
/// to one (a posting source), the work is done on `db` when get() is called; and so it is
/// where the thread has not started it by then (its core taken by another process: waiting
/// for the scheduler to give it one could cost milliseconds), the thread's task called off.
template <class Result>
class PendingWork {
 public:
  using Work = std::function<Result(const Xapian::Database&, const Xapian::Query&)>;

  PendingWork(const Xapian::Database& db, const Xapian::Query& query, Work work, WorkerThread* thread = nullptr,
              const Xapian::Database* thread_db = nullptr)
      : db_(db), query_(query), work_(std::move(work)) {
    if (!thread || !thread_db) return;
    try {
      serialised_ = query.serialise();
    } catch (const Xapian::UnimplementedError&) {  // a posting source that cannot be copied
      return;
    }
    thread_db_ = thread_db;
    // A task called off touches nothing but its state: this object may be gone by then.
    done_ = thread->run([this, state = state_] {
      int waiting = kWaiting;
      if (!state->compare_exchange_strong(waiting, kStarted)) return;
      result_ = work_(*thread_db_, Xapian::Query::unserialise(serialised_));
    });
  }
  /// Waits for the thread's work, if started, which uses this object.
  ~PendingWork() {
    int waiting = kWaiting;
    if (done_.valid() && !state_->compare_exchange_strong(waiting, kCalledOff)) done_.wait();
  }
  PendingWork(const PendingWork&) = delete;
  PendingWork& operator=(const PendingWork&) = delete;

  /// The result; rethrows what Xapian threw making it (a DatabaseModifiedError: a retry's work).
  Result get() {
    int waiting = kWaiting;
    if (done_.valid() && !state_->compare_exchange_strong(waiting, kCalledOff)) {
      done_.get();  // the thread's result, or what it threw
    } else if (!have_result_) {
      done_ = {};  // called off, or never given to a thread
      result_ = work_(db_, query_);
    }
    have_result_ = true;
    return result_;
  }

 private:
  const Xapian::Database& db_;
  Xapian::Query query_;
  Work work_;
  const Xapian::Database* thread_db_ = nullptr;
  std::string serialised_;  // the thread's copy of the query
  enum : int { kWaiting, kStarted, kCalledOff };
  std::shared_ptr<std::atomic<int>> state_ = std::make_shared<std::atomic<int>>(kWaiting);
  Result result_{};
  bool have_result_ = false;
  std::future<void> done_;
};

/// count_matches as PendingWork.
class PendingCount : public PendingWork<MatchCount> {
 public:
  PendingCount(const Xapian::Database& db, const Xapian::Query& query, Xapian::valueno collapse_slot,
               Xapian::doccount at_least, WorkerThread* thread = nullptr, const Xapian::Database* thread_db = nullptr)
      : PendingWork(
            db, query,
            [collapse_slot, at_least](const Xapian::Database& d, const Xapian::Query& q) {
              return count_matches(d, q, collapse_slot, at_least);
            },
            thread, thread_db) {}
};

}  // namespace newsearch
