#pragma once
// A term's champions (common/champion_lists.hpp) as a weighted posting source: each weighs
// what Xapian's BM25 gives the term there, from the wdf and length kept in the list, so a
// search over them reads neither the term's posting list nor the documents' lengths.
//
// Ids are those of the databases searched as one (composite_ids.hpp); init() keeps those of
// the database Xapian gives it, found by its UUID.
#include <xapian.h>

#include <string>
#include <utility>
#include <vector>

#include "common/champion_lists.hpp"

namespace newsearch {

class ChampionSource : public Xapian::PostingSource {
 public:
  /// termweight: bm25_term_weight over the whole database; average_length: the whole's.
  ChampionSource(std::vector<Champion> champions, std::vector<std::string> shard_uuids, double termweight,
                 double average_length);

  void init(const Xapian::Database& db) override;
  Xapian::doccount get_termfreq_min() const override { return static_cast<Xapian::doccount>(local_.size()); }
  Xapian::doccount get_termfreq_est() const override { return static_cast<Xapian::doccount>(local_.size()); }
  Xapian::doccount get_termfreq_max() const override { return static_cast<Xapian::doccount>(local_.size()); }
  void next(double min_wt) override;
  void skip_to(Xapian::docid did, double min_wt) override;
  bool at_end() const override { return pos_ >= local_.size(); }
  Xapian::docid get_docid() const override { return local_[pos_].first; }
  double get_weight() const override { return local_[pos_].second; }
  ChampionSource* clone() const override;
  std::string get_description() const override;

 private:
  std::vector<Champion> champions_;
  std::vector<std::string> uuids_;
  double termweight_;
  double average_length_;
  std::vector<std::pair<Xapian::docid, double>> local_;  ///< (id in the shard, weight), ascending
  std::size_t pos_ = 0;
  bool started_ = false;
};

}  // namespace newsearch
