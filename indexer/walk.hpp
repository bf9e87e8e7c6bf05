#pragma once
// The directory walk: which files under the given paths are articles.
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace newsearch {

// A million-file run keeps a million of these for its whole length: one string each.
struct FoundFile {
  std::string abs_path;
  std::uint32_t rel_offset = 0;  ///< where the path relative to its root starts in abs_path
  std::uint64_t size = 0;
  std::int64_t mtime_ns = 0;

  /// Relative to the root it was found under (the file name when the root is a file).
  std::string_view rel_path() const { return std::string_view(abs_path).substr(rel_offset); }
};

struct WalkOptions {
  std::vector<std::string> extensions = {".txt", ".jsonl"};  ///< lower case, with the dot
};

/// Called for every problem met on the way (unreadable folder, symlink loop...):
/// (path, reason). The walk goes on.
using WalkProblem = std::function<void(const std::string& path, const std::string& reason)>;

/// Walks roots (files or folders), following symlinks but skipping loops and hidden
/// entries; returns article files sorted by path. A root given explicitly is taken even
/// if its extension is not one of the article extensions.
std::vector<FoundFile> walk(const std::vector<std::string>& roots, const WalkOptions& options,
                            const WalkProblem& problem);

/// The absolute, lexically normal form of a path (no symlink resolution).
std::string absolute_path(const std::string& path);

}  // namespace newsearch
