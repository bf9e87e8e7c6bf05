#include "searcher/docid_filter.hpp"

#include <algorithm>

#include "searcher/composite_ids.hpp"

namespace newsearch {

DocidFilter::DocidFilter(std::vector<Xapian::docid> docids, std::vector<std::string> shard_uuids)
    : composite_(std::move(docids)), uuids_(std::move(shard_uuids)) {}

void DocidFilter::init(const Xapian::Database& db) {
  local_.clear();
  pos_ = 0;
  started_ = false;
  const auto n = static_cast<Xapian::docid>(std::max<std::size_t>(1, uuids_.size()));
  const auto shard = shard_index(db, uuids_);
  if (!shard) return;  // not one of ours: nothing (the caller checks the UUIDs first)
  for (Xapian::docid d : composite_)
    if (shard_of_id(d, n) == *shard) local_.push_back(local_id(d, n));
  std::sort(local_.begin(), local_.end());
  local_.erase(std::unique(local_.begin(), local_.end()), local_.end());
}

// Xapian calls next() before the first read, so the position starts one before the first.
void DocidFilter::next(double) {
  if (!started_) {
    started_ = true;
    return;
  }
  ++pos_;
}

void DocidFilter::skip_to(Xapian::docid did, double) {
  started_ = true;
  pos_ = static_cast<std::size_t>(std::lower_bound(local_.begin() + static_cast<std::ptrdiff_t>(std::min(pos_, local_.size())),
                                                   local_.end(), did) - local_.begin());
}

std::string DocidFilter::get_description() const {
  return "DocidFilter(" + std::to_string(composite_.size()) + " documents)";
}

}  // namespace newsearch
