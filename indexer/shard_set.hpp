#pragma once
// The aside build of a full (re)build: K shard databases written in parallel beside the
// target (<db>.build/shard-N), then merged by Xapian's compactor and swapped into place
// in one rename, so searches see the old index until the new one is complete. Shards are
// committed in batches, so an interrupted build resumes where it stopped.
#include <xapian.h>

#include <string>
#include <vector>

#include "common/result.hpp"

namespace newsearch {

class ShardSet {
 public:
  /// Opens (or resumes) K shards beside database. A leftover build with another K is
  /// discarded. Shards skip fsync: a crash loses only this aside copy.
  static Result<ShardSet> open(const std::string& database, unsigned shards, const std::string& language);

  unsigned size() const { return static_cast<unsigned>(writers_.size()); }
  Xapian::WritableDatabase& shard(unsigned i) { return writers_[i]; }
  /// Which shard a file's articles go to (stable, so a resumed build finds them again).
  unsigned shard_of(const std::string& abs_path) const;

  /// Commits and closes the shards and merges them into one compact database aside.
  Result<bool> merge();
  /// Swaps the merged database in for the target in one rename. Close every handle on
  /// the target first: Xapian writes its version file by path, not by descriptor.
  Result<bool> swap_into(const std::string& database);

  /// Removes the aside folder (after a successful swap, or to start afresh).
  void discard();

 private:
  std::string dir_;
  std::vector<std::string> paths_;
  std::vector<Xapian::WritableDatabase> writers_;
};

/// Merges "p:<key>" person-spelling counts from several databases (sums the JSON counts);
/// other duplicate metadata keeps the first value.
class MetadataMergingCompactor : public Xapian::Compactor {
 public:
  std::string resolve_duplicate_metadata(const std::string& key, size_t num_tags, const std::string tags[]) override;
};

}  // namespace newsearch
