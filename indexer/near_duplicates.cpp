#include "indexer/near_duplicates.hpp"

#include "common/hash.hpp"
#include "common/schema.hpp"

namespace newsearch {

namespace {
std::uint32_t band(std::uint64_t simhash, int b) { return static_cast<std::uint32_t>((simhash >> (16 * b)) & 0xFFFF); }
}  // namespace

void DuplicateClusters::remember(std::uint64_t simhash, std::uint64_t exact, std::uint64_t key) {
  if (bands_[0].empty())
    for (auto& b : bands_) b.resize(1 << 16);
  const auto index = static_cast<std::uint32_t>(entries_.size());
  entries_.push_back({simhash, key});
  by_exact_.emplace(exact, key);
  for (int b = 0; b < kBands; ++b) bands_[static_cast<std::size_t>(b)][band(simhash, b)].push_back(index);
}

void DuplicateClusters::load(const Xapian::Database& db) {
  if (db.get_doccount() == 0) return;
  entries_.reserve(db.get_doccount());
  // Two value streams walked side by side (every document has both slots).
  auto keys = db.valuestream_begin(kSlotDupKey);
  for (auto it = db.valuestream_begin(kSlotFingerprint); it != db.valuestream_end(kSlotFingerprint); ++it) {
    keys.skip_to(it.get_docid());
    if (keys == db.valuestream_end(kSlotDupKey)) break;
    if (keys.get_docid() != it.get_docid()) continue;
    const std::string fp = *it;
    std::uint64_t simhash, exact, key;
    if (fp.size() == 32 && parse_hex64(std::string_view(fp).substr(0, 16), exact) &&
        parse_hex64(std::string_view(fp).substr(16), simhash) && parse_hex64(*keys, key))
      remember(simhash, exact, key);
  }
}

std::uint64_t DuplicateClusters::assign(const Fingerprint& fp) {
  std::uint64_t key = fp.exact;
  if (auto it = by_exact_.find(fp.exact); it != by_exact_.end()) {
    key = it->second;
  } else if (!bands_[0].empty()) {
    for (int b = 0; b < kBands && key == fp.exact; ++b) {
      for (std::uint32_t i : bands_[static_cast<std::size_t>(b)][band(fp.simhash, b)]) {
        if (hamming_distance(entries_[i].simhash, fp.simhash) <= kNearDuplicateBits) {
          key = entries_[i].key;
          break;
        }
      }
    }
  }
  remember(fp.simhash, fp.exact, key);
  return key;
}

}  // namespace newsearch
