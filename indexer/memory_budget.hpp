#pragma once
// The indexer's memory setting (--memory-mb): Xapian buffers every change of a batch in
// memory until the commit, so the writers commit early when the process outgrows its budget.
#include <cstddef>

namespace newsearch {

/// The process's resident set size in bytes (Linux /proc/self/statm); 0 if unknown.
std::size_t resident_bytes();

class MemoryBudget {
 public:
  /// bytes == 0: no budget.
  explicit MemoryBudget(std::size_t bytes) : bytes_(bytes) {}

  /// True when the process is over its budget and `pending` documents are enough to be
  /// worth a commit (below kMinDocumentsPerCommit a commit costs more than it frees: the
  /// rest of the memory is the file list, which no commit gives back).
  bool commit_due(std::size_t pending) const;

  /// After an early commit: hands the freed buffers back to the system, so that the resident
  /// size shows what the process really holds.
  static void release_freed_memory();

  static constexpr std::size_t kMinDocumentsPerCommit = 100;

 private:
  std::size_t bytes_;
};

}  // namespace newsearch
