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

void DuplicateClusters::load(const Xapian::Database& db, unsigned target) {
  std::lock_guard lock(mutex_);
  if (db.get_doccount() == 0) return;
  entries_.reserve(entries_.size() + db.get_doccount());
  auto keys = db.valuestream_begin(kSlotDupKey);  // sparse: only cluster members
  const auto keys_end = db.valuestream_end(kSlotDupKey);
  for (auto it = db.valuestream_begin(kSlotFingerprint); it != db.valuestream_end(kSlotFingerprint); ++it) {
    const std::string fp = *it;
    std::uint64_t simhash, exact;
    if (fp.size() != 32 || !parse_hex64(std::string_view(fp).substr(0, 16), exact) ||
        !parse_hex64(std::string_view(fp).substr(16), simhash))
      continue;
    std::uint64_t key = exact;
    bool has_key = false;
    if (keys != keys_end) keys.skip_to(it.get_docid());
    if (keys != keys_end && keys.get_docid() == it.get_docid() && parse_hex64(*keys, key)) has_key = true;
    auto [pos, fresh] = first_.try_emplace(key);
    if (fresh) pos->second = {target, it.get_docid(), has_key, false};
    remember(simhash, exact, key);
  }
}

std::pair<std::uint64_t, bool> DuplicateClusters::assign(const Fingerprint& fp, std::string_view id) {
  std::lock_guard lock(mutex_);
  std::uint64_t key = fp.exact;
  bool joined = false;
  if (auto it = by_exact_.find(fp.exact); it != by_exact_.end()) {
    key = it->second;
    joined = true;
  } else if (!bands_[0].empty()) {
    for (int b = 0; b < kBands && !joined; ++b) {
      for (std::uint32_t i : bands_[static_cast<std::size_t>(b)][band(fp.simhash, b)]) {
        if (hamming_distance(entries_[i].simhash, fp.simhash) <= kNearDuplicateBits) {
          key = entries_[i].key;
          joined = true;
          break;
        }
      }
    }
  }
  if (joined) {
    if (auto f = first_.find(key); f != first_.end()) f->second.grew = true;
  } else {
    // placed() fills in where it went; another writer may join first.
    std::uint64_t id_key;
    if (parse_hex64(id, id_key) && !first_.contains(id_key)) {
      key = id_key;
      first_[key].keyed_by_id = true;
    } else {
      first_.try_emplace(key);
    }
  }
  remember(fp.simhash, fp.exact, key);
  return {key, joined};
}

void DuplicateClusters::placed(std::uint64_t key, unsigned target, Xapian::docid docid) {
  std::lock_guard lock(mutex_);
  First& f = first_[key];
  if (f.docid == 0) {
    f.target = target;
    f.docid = docid;
  }
}

std::vector<DuplicateClusters::Backfill> DuplicateClusters::take_backfills() {
  std::lock_guard lock(mutex_);
  std::vector<Backfill> out;
  for (auto& [key, f] : first_) {
    if (f.grew && !f.has_key && f.docid) {
      out.push_back({f.target, f.docid, key, !f.keyed_by_id});
      f.has_key = true;
    }
  }
  return out;
}

}  // namespace newsearch
