#pragma once
// A fixed set of documents as a posting source, to use as a filter (OP_FILTER): the phrase
// boost re-ranks only the best matches of a first pass (search_engine.cpp), and a filter to
// them makes Xapian read positions for those documents only.
//
// The ids are those of the databases searched as one (composite_ids.hpp): init() keeps
// those of the database Xapian gives it, found by its UUID.
#include <xapian.h>

#include <string>
#include <vector>

namespace newsearch {

class DocidFilter : public Xapian::PostingSource {
 public:
  /// docids: composite ids in the database opened from the shards whose UUIDs are given
  /// in order (one UUID, or none, for a single database).
  DocidFilter(std::vector<Xapian::docid> docids, std::vector<std::string> shard_uuids);

  void init(const Xapian::Database& db) override;
  Xapian::doccount get_termfreq_min() const override { return 0; }
  Xapian::doccount get_termfreq_est() const override { return static_cast<Xapian::doccount>(local_.size()); }
  Xapian::doccount get_termfreq_max() const override { return static_cast<Xapian::doccount>(composite_.size()); }
  void next(double min_wt) override;
  void skip_to(Xapian::docid did, double min_wt) override;
  bool at_end() const override { return pos_ >= local_.size(); }
  Xapian::docid get_docid() const override { return local_[pos_]; }
  DocidFilter* clone() const override { return new DocidFilter(composite_, uuids_); }
  std::string get_description() const override;

 private:
  std::vector<Xapian::docid> composite_;
  std::vector<std::string> uuids_;
  std::vector<Xapian::docid> local_;  ///< sorted ids in the database of the last init()
  std::size_t pos_ = 0;
  bool started_ = false;
};

}  // namespace newsearch
