#include "searcher/docid_slice.hpp"

#include <algorithm>

namespace newsearch {

DocidSlice::DocidSlice(unsigned slice, unsigned slices) : slice_(slice), slices_(std::max(1u, slices)) {}

void DocidSlice::init(const Xapian::Database& db) {
  // Ids run from 1 to the last one given; the slices split that range, gaps included.
  const unsigned long long last = db.get_lastdocid();
  lo_ = static_cast<Xapian::docid>(last * slice_ / slices_ + 1);
  hi_ = static_cast<Xapian::docid>(last * (slice_ + 1) / slices_);
  current_ = 0;
  doccount_ = db.get_doccount();
}

// Xapian calls next() (or skip_to()) before the first read.
void DocidSlice::next(double) { current_ = current_ == 0 ? lo_ : current_ + 1; }

void DocidSlice::skip_to(Xapian::docid did, double) { current_ = std::max({did, lo_, current_}); }

bool DocidSlice::check(Xapian::docid did, double min_wt) {
  skip_to(did, min_wt);
  return true;
}

std::string DocidSlice::get_description() const {
  return "DocidSlice(" + std::to_string(slice_ + 1) + " of " + std::to_string(slices_) + ")";
}

}  // namespace newsearch
