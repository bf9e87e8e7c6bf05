#include "indexer/shard_set.hpp"

#include <fcntl.h>
#include <linux/fs.h>
#include <stdio.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "common/hash.hpp"
#include "common/schema.hpp"
#include "common/store.hpp"
#include "indexer/document_builder.hpp"

namespace newsearch {

namespace fs = std::filesystem;

namespace {

std::string read_text(const fs::path& p) {
  std::ifstream in(p);
  std::string s;
  std::getline(in, s);
  return s;
}

std::string segment_path(const std::string& lane_dir, unsigned number) {
  char name[16];
  std::snprintf(name, sizeof name, "seg-%04u", number);
  return lane_dir + "/" + name;
}

// Atomically exchanges two paths (Linux renameat2); falls back to two renames.
bool exchange(const std::string& a, const std::string& b) {
  if (::renameat2(AT_FDCWD, a.c_str(), AT_FDCWD, b.c_str(), RENAME_EXCHANGE) == 0) return true;
  if (!fs::exists(b)) return ::rename(a.c_str(), b.c_str()) == 0;
  const std::string old = b + ".old";
  std::error_code ec;
  fs::remove_all(old, ec);
  return ::rename(b.c_str(), old.c_str()) == 0 && ::rename(a.c_str(), b.c_str()) == 0 &&
         ::rename(old.c_str(), a.c_str()) == 0;
}

}  // namespace

std::string MetadataMergingCompactor::resolve_duplicate_metadata(const std::string& key, size_t num_tags,
                                                                 const std::string tags[]) {
  // Xapian 1.4 passes the key as its table stores it: after a two-byte "\0\xc0" marker.
  std::string_view name(key);
  if (name.starts_with(std::string_view("\0\xc0", 2))) name.remove_prefix(2);
  if (!name.starts_with(kMetaPersonPrefix)) return tags[0];
  nlohmann::json sum = nlohmann::json::object();
  for (size_t i = 0; i < num_tags; ++i) {
    auto j = nlohmann::json::parse(tags[i], nullptr, false);
    if (!j.is_object()) continue;
    for (auto& [display, n] : j.items())
      if (n.is_number_integer()) sum[display] = sum.value(display, 0) + n.get<int>();
  }
  return sum.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void MetadataMergingCompactor::set_status(const std::string& table, const std::string& status) {
  if (verbose_ && status.empty()) std::fprintf(stderr, "newsindex: merging: %s table\n", table.c_str());
}

Result<ShardSet> ShardSet::open(const std::string& database, unsigned lanes, std::size_t segment_size,
                                const std::string& language, bool word_pairs, bool fresh_start) {
  ShardSet set;
  set.dir_ = database + ".build";
  set.language_ = language;
  set.word_pairs_ = word_pairs;
  set.segment_size_ = segment_size;
  std::error_code ec;
  // The first line names the layout: a leftover of another K, of the unsegmented layout of
  // earlier versions, or with(out) word pairs against this run (an earlier version's has
  // none) is started afresh.
  const fs::path layout_file = fs::path(set.dir_) / "shards";
  const std::string layout = std::to_string(lanes) + " lanes of segments" + (word_pairs ? ", word pairs" : "");
  if (fs::exists(set.dir_, ec) && read_text(layout_file) != layout) fs::remove_all(set.dir_, ec);
  fs::create_directories(set.dir_, ec);
  if (ec) return Error{"cannot create " + set.dir_ + ": " + ec.message(), "", 2};
  std::ofstream(layout_file) << layout << "\n";
  try {
    set.lanes_.resize(lanes);
    for (unsigned lane = 0; lane < lanes; ++lane) {
      const fs::path lane_dir = fs::path(set.dir_) / ("shard-" + std::to_string(lane));
      fs::create_directories(lane_dir, ec);
      if (ec) return Error{"cannot create " + lane_dir.string() + ": " + ec.message(), "", 2};
      // Resuming: the lane's segments in order; the last one is written on.
      std::vector<unsigned> numbers;
      for (const auto& entry : fs::directory_iterator(lane_dir, ec)) {
        const std::string name = entry.path().filename().string();
        if (name.size() < 5 || !name.starts_with("seg-") ||
            name.find_first_not_of("0123456789", 4) != std::string::npos)
          continue;
        numbers.push_back(static_cast<unsigned>(std::stoul(name.substr(4))));
      }
      std::sort(numbers.begin(), numbers.end());
      for (std::size_t i = 0; i + 1 < numbers.size(); ++i) {
        set.segments_.push_back({segment_path(lane_dir.string(), numbers[i]), lane});
        // Opened now, so that one a crash damaged starts the aside build afresh (below).
        set.readers_.emplace_back(Xapian::Database(set.segments_.back().path));
      }
      set.start_segment(lane, numbers.empty() ? 0 : numbers.back());
    }
  } catch (const Xapian::DatabaseError& e) {
    // An aside segment a crash damaged (corrupt, or cut short: "EOF reading block"): start
    // the aside build again, once (an error that outlives that is reported).
    set.lanes_.clear();
    set.readers_.clear();
    if (!fresh_start) return error_from_xapian(e, set.dir_);
    fs::remove_all(set.dir_, ec);
    auto again = open(database, lanes, segment_size, language, word_pairs, false);
    if (again) again->discarded_damaged_ = e.get_description();
    return again;
  } catch (const Xapian::Error& e) {
    return error_from_xapian(e, set.dir_);
  }
  return set;
}

void ShardSet::start_segment(unsigned lane, unsigned number) {
  const std::string path = segment_path(dir_ + "/shard-" + std::to_string(lane), number);
  Xapian::WritableDatabase db(path, Xapian::DB_CREATE_OR_OPEN | Xapian::DB_NO_SYNC);
  db.set_metadata(std::string(kMetaSchema), std::to_string(kSchemaVersion));
  db.set_metadata(std::string(kMetaLanguage), language_);
  if (word_pairs_) db.set_metadata(std::string(kMetaBigrams), "1");  // a segment starts empty
  std::lock_guard lock(*segments_mutex_);
  lanes_[lane].writer = std::move(db);
  lanes_[lane].segment = static_cast<unsigned>(segments_.size());
  lanes_[lane].next = number + 1;
  segments_.push_back({path, lane});
  readers_.emplace_back();
}

unsigned ShardSet::shard_of(const std::string& abs_path) const {
  return static_cast<unsigned>(hash64(abs_path) % lanes_.size());
}

bool ShardSet::segment_full(unsigned lane) const {
  return segment_size_ != 0 && lanes_[lane].writer.get_doccount() >= segment_size_;
}

void ShardSet::roll(unsigned lane) {
  Lane& l = lanes_[lane];
  l.writer.commit();
  l.writer.close();
  start_segment(lane, l.next);
}

bool ShardSet::is_current(unsigned id) const {
  return std::any_of(lanes_.begin(), lanes_.end(), [&](const Lane& l) { return l.segment == id; });
}

std::optional<ShardSet::Found> ShardSet::find(const std::string& abs_path) {
  const unsigned lane = shard_of(abs_path);
  if (auto state = read_file_state(lanes_[lane].writer, abs_path)) return Found{*state, lanes_[lane].segment};
  for (unsigned id = 0; id < segments_.size(); ++id) {
    if (segments_[id].lane != lane || is_current(id)) continue;
    if (!readers_[id]) readers_[id] = Xapian::Database(segments_[id].path);
    if (auto state = read_file_state(*readers_[id], abs_path)) return Found{*state, id};
  }
  return std::nullopt;
}

void ShardSet::remove_files(const std::vector<std::pair<unsigned, std::string>>& files) {
  if (files.empty()) return;
  for_each_segment([&](unsigned id, Xapian::WritableDatabase& db) {
    for (const auto& [segment, path] : files) {
      if (segment != id) continue;
      db.delete_document(boolean_term(kPrefixFile, file_key(path)));
      db.set_metadata(file_state_key(path), "");
    }
  });
}

void ShardSet::for_each_segment(const std::function<void(unsigned, Xapian::WritableDatabase&)>& fn) {
  readers_.assign(segments_.size(), std::nullopt);
  for (unsigned id = 0; id < segments_.size(); ++id) {
    if (is_current(id)) {
      Xapian::WritableDatabase& db = lanes_[segments_[id].lane].writer;
      fn(id, db);
      db.commit();
    } else {
      Xapian::WritableDatabase db(segments_[id].path, Xapian::DB_OPEN | Xapian::DB_NO_SYNC);
      fn(id, db);
      db.commit();
      db.close();
    }
  }
}

void ShardSet::read_each_segment(const std::function<void(unsigned, const Xapian::Database&)>& fn) {
  for (unsigned id = 0; id < segments_.size(); ++id) {
    if (is_current(id)) {
      fn(id, lanes_[segments_[id].lane].writer);
    } else {
      if (!readers_[id]) readers_[id] = Xapian::Database(segments_[id].path);
      fn(id, *readers_[id]);
    }
  }
}

Result<bool> ShardSet::merge(bool verbose) {
  const std::string merged = dir_ + "/merged";
  try {
    for (auto& l : lanes_) {
      l.writer.commit();
      l.writer.close();
    }
    lanes_.clear();
    readers_.clear();
    std::error_code ec;
    fs::remove_all(merged, ec);
    Xapian::Database all;
    for (const auto& s : segments_) all.add_database(Xapian::Database(s.path));
    if (verbose) std::fprintf(stderr, "newsindex: merging %zu segments into one database\n", segments_.size());
    MetadataMergingCompactor compactor(verbose);
    all.compact(merged, 0, 0, compactor);
  } catch (const Xapian::Error& e) {
    return error_from_xapian(e, merged);
  }
  return true;
}

Result<bool> ShardSet::swap_into(const std::string& database) {
  const std::string merged = dir_ + "/merged";
  // Names the merged database before the swap, so that a rerun after a crash between the
  // swap and the removal below knows this folder for a finished build's remains.
  try {
    std::ofstream(dir_ + "/" + kSwappedMarker) << Xapian::Database(merged).get_uuid() << "\n";
  } catch (const Xapian::Error& e) {
    return error_from_xapian(e, merged);
  }
  if (!exchange(merged, database))
    return Error{"cannot move the new database into place at " + database + ": " + std::strerror(errno), "", 2};
  // Out of the way in one rename first: removing a large build takes a while, and a crash
  // during it must not leave a half-removed folder under the name a rerun resumes.
  std::error_code ec;
  fs::rename(dir_, database + kRemovedSuffix, ec);
  if (!ec) dir_ = database + kRemovedSuffix;
  discard();
  return true;
}

void ShardSet::discard() {
  lanes_.clear();
  readers_.clear();
  std::error_code ec;
  fs::remove_all(dir_, ec);
}

bool ShardSet::remove_leftovers(const std::string& database, const std::string& database_uuid) {
  std::error_code ec;
  bool removed = fs::remove_all(database + kRemovedSuffix, ec) > 0;
  const std::string dir = database + ".build";
  const std::string marker = read_text(fs::path(dir) / kSwappedMarker);
  if (!marker.empty() && marker == database_uuid) removed = fs::remove_all(dir, ec) > 0 || removed;
  return removed;
}

}  // namespace newsearch
