#include "searcher/match_count.hpp"

namespace newsearch {

MatchCount count_matches(const Xapian::Database& db, const Xapian::Query& query, Xapian::valueno collapse_slot,
                         Xapian::doccount at_least) {
  Xapian::Enquire counter(db);
  counter.set_query(query);
  counter.set_weighting_scheme(Xapian::BoolWeight());
  if (collapse_slot != Xapian::BAD_VALUENO) counter.set_collapse_key(collapse_slot);
  const Xapian::MSet all = counter.get_mset(0, 0, at_least);
  return {all.get_matches_lower_bound(), all.get_matches_estimated(), all.get_matches_upper_bound(),
          all.get_uncollapsed_matches_estimated()};
}

PendingCount::PendingCount(const Xapian::Database& db, const Xapian::Query& query, Xapian::valueno collapse_slot,
                           Xapian::doccount at_least, WorkerThread* thread, const Xapian::Database* thread_db)
    : db_(db), query_(query), collapse_slot_(collapse_slot), at_least_(at_least) {
  if (!thread || !thread_db) return;
  try {
    serialised_ = query.serialise();
  } catch (const Xapian::UnimplementedError&) {  // a posting source that cannot be copied
    return;
  }
  thread_db_ = thread_db;
  done_ = thread->run([this] {
    counted_ = count_matches(*thread_db_, Xapian::Query::unserialise(serialised_), collapse_slot_, at_least_);
  });
}

PendingCount::~PendingCount() {
  if (done_.valid()) done_.wait();
}

MatchCount PendingCount::get() {
  if (done_.valid()) {
    done_.get();  // the thread's count, or what it threw
  } else if (!counted_all_) {
    counted_ = count_matches(db_, query_, collapse_slot_, at_least_);
  }
  counted_all_ = true;
  return counted_;
}

}  // namespace newsearch
