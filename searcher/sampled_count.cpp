#include "searcher/sampled_count.hpp"

#include <algorithm>
#include <cmath>
#include <iterator>

namespace newsearch {

DocidSample::DocidSample(unsigned runs, double share) : runs_(std::max(1u, runs)), share_(std::clamp(share, 0.0, 1.0)) {}

void DocidSample::init(const Xapian::Database& db) {
  last_ = db.get_lastdocid();
  Xapian::doccount size = 0;
  for (unsigned r = 0; r < runs_; ++r) size += run_end(r) + 1 - run_start(r);
  size_ = std::min(size, db.get_doccount());
  current_ = 0;
  at_end_ = last_ == 0;
}

// Run r starts at 1 + r * last / runs and holds share * last / runs ids (one at least).
Xapian::docid DocidSample::run_start(unsigned long long r) const {
  return static_cast<Xapian::docid>(1 + r * last_ / runs_);
}

Xapian::docid DocidSample::run_end(unsigned long long r) const {
  const double from = static_cast<double>(r) * last_ / runs_;
  const auto end = static_cast<Xapian::docid>(std::floor(from + share_ * last_ / runs_));
  return std::min(last_, std::max(run_start(r), end));
}

void DocidSample::settle() {
  if (current_ > last_) {
    at_end_ = true;
    return;
  }
  for (unsigned long long r = static_cast<unsigned long long>(current_ - 1) * runs_ / last_; r < runs_; ++r) {
    if (current_ <= run_end(r)) {
      current_ = std::max(current_, run_start(r));
      return;
    }
  }
  at_end_ = true;
}

void DocidSample::next(double) {
  ++current_;  // from 0: the first id
  settle();
}

void DocidSample::skip_to(Xapian::docid did, double) {
  if (did <= current_) return;
  current_ = did;
  settle();
}

std::string DocidSample::get_description() const {
  return "DocidSample(" + std::to_string(runs_) + " runs, " + std::to_string(share_) + ")";
}

namespace {

// About 700 candidates, 35% of the ids at most, in runs of about 8 ids (the fewer the
// longer, and topics cluster by id). Against the exact counts of 22 phrase, AND and NOT
// queries on the shared corpora and reuters21578's April: 4.7% and 4.0% off on average,
// 19% at most (a quarter in 64 runs: 6% and 13%, 25% at most; Xapian's own guesses were up
// to 8x under). It costs 5% more instructions over the benchmark's 31 queries.
constexpr double kMaxShare = 0.35;
constexpr double kIdsPerRun = 8;

}  // namespace

bool worth_sampling(const Xapian::Query& query) {
  constexpr std::size_t kMaxTerms = 16;
  const auto has_wildcard = [](const Xapian::Query& q, const auto& self) -> bool {
    if (q.get_type() == Xapian::Query::OP_WILDCARD) return true;
    for (std::size_t i = 0; i < q.get_num_subqueries(); ++i)
      if (self(q.get_subquery(i), self)) return true;
    return false;
  };
  const auto terms = static_cast<std::size_t>(std::distance(query.get_unique_terms_begin(), query.get_unique_terms_end()));
  return query.get_type() != Xapian::Query::LEAF_TERM && terms <= kMaxTerms && !has_wildcard(query, has_wildcard);
}

Xapian::doccount sampled_match_count(const Xapian::Database& db, const Xapian::Query& query,
                                     Xapian::doccount possible, Xapian::doccount sample_candidates) {
  const double share = std::clamp(static_cast<double>(sample_candidates) / std::max<Xapian::doccount>(possible, 1),
                                  1.0 / 65536, kMaxShare);
  // Each run costs every posting list a seek: 512 at most.
  const double sample_ids = share * db.get_lastdocid();
  const auto runs = static_cast<unsigned>(std::clamp(sample_ids / kIdsPerRun, 16.0, 512.0));
  Xapian::Enquire enquire(db);
  enquire.set_query(
      Xapian::Query(Xapian::Query::OP_FILTER, query, Xapian::Query((new DocidSample(runs, share))->release())));
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  const Xapian::MSet counted = enquire.get_mset(0, 0, db.get_doccount());  // every match in the sample
  return static_cast<Xapian::doccount>(std::llround(counted.get_matches_estimated() / share));
}

}  // namespace newsearch
