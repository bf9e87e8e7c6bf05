#include "indexer/file_state.hpp"

#include <cinttypes>
#include <cstdio>

#include "common/hash.hpp"
#include "common/schema.hpp"

namespace newsearch {

namespace {
constexpr std::size_t kMaxKey = 230;
}

std::string FileState::serialise() const {
  char buf[96];
  std::snprintf(buf, sizeof buf, "%" PRIu64 " %" PRId64 " %016" PRIx64 " %" PRIu32, size, mtime_ns,
                content_hash, documents);
  return buf;
}

std::optional<FileState> FileState::parse(const std::string& s) {
  FileState st;
  if (std::sscanf(s.c_str(), "%" SCNu64 " %" SCNd64 " %" SCNx64 " %" SCNu32, &st.size, &st.mtime_ns,
                  &st.content_hash, &st.documents) != 4)
    return std::nullopt;
  return st;
}

std::string file_key(const std::string& abs_path) {
  if (abs_path.size() <= kMaxKey - kMetaFilePrefix.size()) return abs_path;
  return abs_path.substr(0, kMaxKey - kMetaFilePrefix.size() - 17) + "#" + hex64(hash64(abs_path));
}

std::string file_state_key(const std::string& abs_path) { return std::string(kMetaFilePrefix) + file_key(abs_path); }

std::optional<FileState> read_file_state(const Xapian::Database& db, const std::string& abs_path) {
  const std::string v = db.get_metadata(file_state_key(abs_path));
  if (v.empty()) return std::nullopt;
  return FileState::parse(v);
}

void write_file_state(Xapian::WritableDatabase& db, const std::string& abs_path, const FileState& state) {
  db.set_metadata(file_state_key(abs_path), state.serialise());
}

}  // namespace newsearch
