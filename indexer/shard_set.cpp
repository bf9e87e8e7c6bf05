#include "indexer/shard_set.hpp"

#include <fcntl.h>
#include <linux/fs.h>
#include <stdio.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "common/hash.hpp"
#include "common/schema.hpp"
#include "common/store.hpp"

namespace newsearch {

namespace fs = std::filesystem;

namespace {

std::string read_text(const fs::path& p) {
  std::ifstream in(p);
  std::string s;
  std::getline(in, s);
  return s;
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

Result<ShardSet> ShardSet::open(const std::string& database, unsigned shards, const std::string& language) {
  ShardSet set;
  set.dir_ = database + ".build";
  std::error_code ec;
  const fs::path count_file = fs::path(set.dir_) / "shards";
  if (fs::exists(set.dir_, ec) && read_text(count_file) != std::to_string(shards)) fs::remove_all(set.dir_, ec);
  fs::create_directories(set.dir_, ec);
  if (ec) return Error{"cannot create " + set.dir_ + ": " + ec.message(), "", 2};
  std::ofstream(count_file) << shards << "\n";
  for (unsigned i = 0; i < shards; ++i) {
    const std::string path = set.dir_ + "/shard-" + std::to_string(i);
    try {
      Xapian::WritableDatabase db(path, Xapian::DB_CREATE_OR_OPEN | Xapian::DB_NO_SYNC);
      db.set_metadata(std::string(kMetaSchema), std::to_string(kSchemaVersion));
      db.set_metadata(std::string(kMetaLanguage), language);
      set.paths_.push_back(path);
      set.writers_.push_back(std::move(db));
    } catch (const Xapian::DatabaseCorruptError&) {
      // An aside shard damaged by a crash: start the aside build again.
      set.writers_.clear();
      fs::remove_all(set.dir_, ec);
      return open(database, shards, language);
    } catch (const Xapian::Error& e) {
      return error_from_xapian(e, path);
    }
  }
  return set;
}

unsigned ShardSet::shard_of(const std::string& abs_path) const {
  return static_cast<unsigned>(hash64(abs_path) % writers_.size());
}

Result<bool> ShardSet::merge() {
  const std::string merged = dir_ + "/merged";
  try {
    for (auto& w : writers_) {
      w.commit();
      w.close();
    }
    writers_.clear();
    std::error_code ec;
    fs::remove_all(merged, ec);
    Xapian::Database all;
    for (const auto& p : paths_) all.add_database(Xapian::Database(p));
    MetadataMergingCompactor compactor;
    all.compact(merged, 0, 0, compactor);
  } catch (const Xapian::Error& e) {
    return error_from_xapian(e, merged);
  }
  return true;
}

Result<bool> ShardSet::swap_into(const std::string& database) {
  const std::string merged = dir_ + "/merged";
  if (!exchange(merged, database))
    return Error{"cannot move the new database into place at " + database + ": " + std::strerror(errno), "", 2};
  return true;
}

void ShardSet::discard() {
  writers_.clear();
  std::error_code ec;
  fs::remove_all(dir_, ec);
}

}  // namespace newsearch
