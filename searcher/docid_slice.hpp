#pragma once
// One of k equal slices of each database's document ids, as a posting source to filter with
// (OP_FILTER): a large match runs as k matches of the same query on k threads, each over
// its slice (sliced_match.hpp). The statistics stay the whole database's, so every weight is
// the one a single match gives. Xapian calls init() once for each database of a
// multi-database search, with that database alone: the slice is of its own ids.
#include <xapian.h>

#include <string>

namespace newsearch {

class DocidSlice : public Xapian::PostingSource {
 public:
  /// Slice `slice` (0-based) of `slices`.
  DocidSlice(unsigned slice, unsigned slices);

  void init(const Xapian::Database& db) override;
  // The whole database's count, not the slice's: Xapian drives an AND by its rarest part,
  // and a slice driving it would skip_to() through every posting of a frequent word. So a
  // slice's estimate of the matches is the whole database's (sliced_match.cpp takes its share).
  Xapian::doccount get_termfreq_min() const override { return 0; }
  Xapian::doccount get_termfreq_est() const override { return doccount_; }
  Xapian::doccount get_termfreq_max() const override { return doccount_; }
  void next(double min_wt) override;
  void skip_to(Xapian::docid did, double min_wt) override;
  bool check(Xapian::docid did, double min_wt) override;
  bool at_end() const override { return current_ > hi_; }
  Xapian::docid get_docid() const override { return current_; }
  DocidSlice* clone() const override { return new DocidSlice(slice_, slices_); }
  std::string get_description() const override;

 private:
  unsigned slice_;
  unsigned slices_;
  Xapian::docid lo_ = 1;
  Xapian::docid hi_ = 0;
  Xapian::docid current_ = 0;  ///< 0: before the first
  Xapian::doccount doccount_ = 0;
};

}  // namespace newsearch
