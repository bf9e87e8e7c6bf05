#pragma once
// What the database remembers about each indexed file, to tell changed from unchanged.
// Kept in the database's metadata ("f:<absolute path>") and committed together with the
// file's documents, so a crash can never leave the two out of step.
#include <xapian.h>

#include <cstdint>
#include <optional>
#include <string>

namespace newsearch {

struct FileState {
  std::uint64_t size = 0;
  std::int64_t mtime_ns = 0;
  std::uint64_t content_hash = 0;
  std::uint32_t documents = 0;

  std::string serialise() const;
  static std::optional<FileState> parse(const std::string& s);
};

/// The metadata key of a file (a long path keeps a readable head and a hashed tail).
std::string file_state_key(const std::string& abs_path);

/// The file key stored in its documents' XF term (the path itself, or hashed if long).
std::string file_key(const std::string& abs_path);

std::optional<FileState> read_file_state(const Xapian::Database& db, const std::string& abs_path);
void write_file_state(Xapian::WritableDatabase& db, const std::string& abs_path, const FileState& state);

}  // namespace newsearch
