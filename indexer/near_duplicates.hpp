#pragma once
// Assigns each new article a duplicate-cluster key: the key of an earlier article with the
// same normalised body or a SimHash within kNearDuplicateBits, else its own. The searcher
// collapses results on that key (one hit per syndicated story).
#include <xapian.h>

#include <array>
#include <cstdint>
#include <unordered_map>
#include <vector>

#include "common/fingerprint.hpp"

namespace newsearch {

class DuplicateClusters {
 public:
  /// Loads the fingerprints of the articles already in the database.
  void load(const Xapian::Database& db);
  /// The cluster key for a new article (and remembers it for the next ones).
  std::uint64_t assign(const Fingerprint& fp);

 private:
  static constexpr int kBands = 4;  // 4 x 16 bits: within 3 bits, one band is equal
  void remember(std::uint64_t simhash, std::uint64_t exact, std::uint64_t key);

  struct Entry {
    std::uint64_t simhash;
    std::uint64_t key;
  };
  std::vector<Entry> entries_;
  std::unordered_map<std::uint64_t, std::uint64_t> by_exact_;
  std::array<std::vector<std::vector<std::uint32_t>>, kBands> bands_;
};

}  // namespace newsearch
