#include "searcher/docid_filter.hpp"

#include <algorithm>

namespace newsearch {

DocidFilter::DocidFilter(std::vector<Xapian::docid> docids, std::vector<std::string> shard_uuids)
    : composite_(std::move(docids)), uuids_(std::move(shard_uuids)) {}

void DocidFilter::init(const Xapian::Database& db) {
  local_.clear();
  pos_ = 0;
  started_ = false;
  const auto n = static_cast<Xapian::docid>(std::max<std::size_t>(1, uuids_.size()));
  Xapian::docid shard = 0;
  if (n > 1) {
    const auto it = std::find(uuids_.begin(), uuids_.end(), db.get_uuid());
    if (it == uuids_.end()) return;  // not one of ours: nothing (the caller checks the UUIDs first)
    shard = static_cast<Xapian::docid>(it - uuids_.begin());
  }
  for (Xapian::docid d : composite_)
    if ((d - 1) % n == shard) local_.push_back((d - 1) / n + 1);
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
