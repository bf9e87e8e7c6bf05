#include "searcher/champion_source.hpp"

#include <algorithm>

#include "searcher/composite_ids.hpp"

namespace newsearch {

ChampionSource::ChampionSource(std::vector<Champion> champions, std::vector<std::string> shard_uuids,
                               double termweight, double average_length)
    : champions_(std::move(champions)),
      uuids_(std::move(shard_uuids)),
      termweight_(termweight),
      average_length_(average_length) {}

void ChampionSource::init(const Xapian::Database& db) {
  local_.clear();
  pos_ = 0;
  started_ = false;
  const auto n = static_cast<Xapian::docid>(std::max<std::size_t>(1, uuids_.size()));
  const auto shard = shard_index(db, uuids_);
  if (!shard) return;  // not one of ours: nothing (the caller checks the UUIDs first)
  double max_weight = 0;
  for (const Champion& c : champions_) {
    if (shard_of_id(c.docid, n) != *shard) continue;
    // The same expression as Xapian's BM25Weight::get_sumpart, so the weights are equal to
    // the last bit to those of a search over the posting list.
    const double weight = termweight_ * bm25_tf_part(c.wdf, c.doclength, average_length_);
    local_.emplace_back(local_id(c.docid, n), weight);
    max_weight = std::max(max_weight, weight);
  }
  set_maxweight(max_weight);
}

// Xapian calls next() before the first read, so the position starts one before the first.
void ChampionSource::next(double) {
  if (!started_) {
    started_ = true;
    return;
  }
  ++pos_;
}

void ChampionSource::skip_to(Xapian::docid did, double) {
  started_ = true;
  const auto from = local_.begin() + static_cast<std::ptrdiff_t>(std::min(pos_, local_.size()));
  pos_ = static_cast<std::size_t>(
      std::lower_bound(from, local_.end(), did, [](const auto& e, Xapian::docid d) { return e.first < d; }) -
      local_.begin());
}

ChampionSource* ChampionSource::clone() const {
  return new ChampionSource(champions_, uuids_, termweight_, average_length_);
}

std::string ChampionSource::get_description() const {
  return "ChampionSource(" + std::to_string(champions_.size()) + " documents)";
}

}  // namespace newsearch
