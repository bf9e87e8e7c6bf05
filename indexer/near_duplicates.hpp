#pragma once
// Duplicate clusters: each new article joins the cluster of an earlier article with the same
// normalised body or a SimHash within kNearDuplicateBits. Only clusters of two or more get
// a collapse key (kSlotDupKey): a sparse slot costs the searcher nothing for the articles
// that have no duplicate, which is nearly all of them. Thread-safe.
#include <xapian.h>

#include <array>
#include <cstdint>
#include <mutex>
#include <unordered_map>
#include <vector>

#include "common/fingerprint.hpp"

namespace newsearch {

class DuplicateClusters {
 public:
  /// Loads the fingerprints of the articles already in database number `target`.
  void load(const Xapian::Database& db, unsigned target);

  /// The cluster of a new article: its key, and whether the article joins an earlier one
  /// (then it needs the collapse key; otherwise call placed() once it has a docid).
  std::pair<std::uint64_t, bool> assign(const Fingerprint& fp);
  /// Where the first article of a new cluster went.
  void placed(std::uint64_t key, unsigned target, Xapian::docid docid);

  struct Backfill {
    unsigned target;
    Xapian::docid docid;
    std::uint64_t key;
  };
  /// First articles of clusters that grew during this run and still lack the collapse key.
  std::vector<Backfill> take_backfills();

 private:
  static constexpr int kBands = 4;  // 4 x 16 bits: within 3 bits, one band is equal
  void remember(std::uint64_t simhash, std::uint64_t exact, std::uint64_t key);

  struct Entry {
    std::uint64_t simhash;
    std::uint64_t key;
  };
  struct First {
    unsigned target = 0;
    Xapian::docid docid = 0;
    bool has_key = false;
    bool grew = false;
  };
  std::mutex mutex_;
  std::vector<Entry> entries_;
  std::unordered_map<std::uint64_t, std::uint64_t> by_exact_;
  std::unordered_map<std::uint64_t, First> first_;  // cluster key -> its first article
  std::array<std::vector<std::vector<std::uint32_t>>, kBands> bands_;
};

}  // namespace newsearch
