#pragma once
// The aside build of a full (re)build, beside the target in <db>.build: K lanes written in
// parallel (one writer thread each), each lane a sequence of segment databases
// (shard-N/seg-0000, seg-0001, ...). A lane starts a new segment every `segment_size`
// articles because Xapian's commits get slower as the database they write into grows
// (measured on generated news: 650 articles/s into 19k articles, 340 into 100k, 200 into
// 1M), while the compactor's final merge of all the segments is linear in their size. The
// merged database is swapped into place in one rename, so searches see the old index until
// the new one is complete. Segments are committed in batches, so an interrupted build
// resumes where it stopped.
#include <xapian.h>

#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "common/result.hpp"
#include "indexer/file_state.hpp"

namespace newsearch {

class ShardSet {
 public:
  /// Opens (or resumes) K lanes beside database; segment_size 0 keeps one segment a lane.
  /// A leftover build with another K (or another layout), or one a crash damaged, is
  /// discarded (fresh_start: once). Segments skip fsync: a crash loses only this aside copy.
  /// word_pairs: the segments' articles get their word pairs (common/bigrams.hpp).
  static Result<ShardSet> open(const std::string& database, unsigned lanes, std::size_t segment_size,
                               const std::string& language, bool word_pairs, bool fresh_start = true);

  unsigned size() const { return static_cast<unsigned>(lanes_.size()); }
  /// Why the leftover build was discarded as damaged when opened ("" if it was not).
  const std::string& discarded_damaged() const { return discarded_damaged_; }
  /// The segment a lane writes now (the same object across rolls).
  Xapian::WritableDatabase& shard(unsigned lane) { return lanes_[lane].writer; }
  /// The id of a lane's current segment; ids number every segment of the build.
  unsigned segment_id(unsigned lane) const { return lanes_[lane].segment; }
  /// Which lane a file's articles go to (stable, so a resumed build finds them again).
  unsigned shard_of(const std::string& abs_path) const;

  /// Whether the lane's current segment holds segment_size articles.
  bool segment_full(unsigned lane) const;
  /// Commits the lane's current segment and moves the lane on to a new one. Called by the
  /// lane's writer thread only.
  void roll(unsigned lane);

  /// A file an earlier, interrupted attempt of this build indexed, and where.
  struct Found {
    FileState state;
    unsigned segment;
  };
  /// Looks for a file's state in every segment of its lane (the current one first).
  std::optional<Found> find(const std::string& abs_path);
  /// Deletes the articles and the state of these files from the segments that hold them
  /// (segment id, absolute path), and commits.
  void remove_files(const std::vector<std::pair<unsigned, std::string>>& files);

  /// fn(id, database) for every segment, in id order; finished segments are opened for
  /// writing one at a time and committed after fn, current ones are committed.
  void for_each_segment(const std::function<void(unsigned, Xapian::WritableDatabase&)>& fn);
  /// fn(id, database) for every segment, for reading.
  void read_each_segment(const std::function<void(unsigned, const Xapian::Database&)>& fn);
  std::size_t segment_count() const { return segments_.size(); }

  /// Commits and closes the lanes and merges every segment into one compact database aside
  /// (verbose: says so on stderr, table by table).
  Result<bool> merge(bool verbose);
  /// Swaps the merged database in for the target in one rename, then removes the aside
  /// folder. Close every handle on the target first: Xapian writes its version file by
  /// path, not by descriptor.
  Result<bool> swap_into(const std::string& database);

  /// Removes the aside folder (to start afresh).
  void discard();

  /// Removes what a crash after a finished build's swap left beside the database (its
  /// aside folder, or that folder half removed); true if there was any. An unfinished
  /// build stays, for a rerun to resume. Call with the database locked.
  static bool remove_leftovers(const std::string& database, const std::string& database_uuid);

 private:
  struct Segment {
    std::string path;
    unsigned lane;
  };
  struct Lane {
    Xapian::WritableDatabase writer;
    unsigned segment = 0;  ///< id of the segment the writer has open
    unsigned next = 0;     ///< number of the lane's next segment folder
  };
  /// Opens lane's segment folder number `number` for writing and makes it current.
  void start_segment(unsigned lane, unsigned number);
  bool is_current(unsigned id) const;

  /// In the aside folder: the uuid of the merged database that swap_into moves in.
  static constexpr const char* kSwappedMarker = "swapped-in";
  /// The aside folder's name while swap_into removes it.
  static constexpr const char* kRemovedSuffix = ".build-removed";

  std::string dir_;
  std::string discarded_damaged_;
  std::string language_;
  bool word_pairs_ = true;
  std::size_t segment_size_ = 0;
  std::vector<Segment> segments_;
  std::vector<Lane> lanes_;
  std::vector<std::optional<Xapian::Database>> readers_;  ///< finished segments, opened by find()
  std::unique_ptr<std::mutex> segments_mutex_ = std::make_unique<std::mutex>();  ///< writers roll at once
};

/// Merges "p:<key>" person-spelling counts from several databases (sums the JSON counts);
/// other duplicate metadata keeps the first value.
class MetadataMergingCompactor : public Xapian::Compactor {
 public:
  /// verbose: a line on stderr as each table starts (a large merge takes minutes).
  explicit MetadataMergingCompactor(bool verbose = false) : verbose_(verbose) {}
  std::string resolve_duplicate_metadata(const std::string& key, size_t num_tags, const std::string tags[]) override;
  void set_status(const std::string& table, const std::string& status) override;

 private:
  bool verbose_;
};

}  // namespace newsearch
