#pragma once
// The indexer's memory setting (--memory-mb): Xapian buffers every change of a batch in
// memory until the commit, so the writers commit early when those buffers outgrow the budget.
// The budget counts from the resident size when writing starts: what the run holds by then
// (the list of files and their states, about 200 bytes a file) no commit can give back, and
// counting it would make every commit of a large run an early one.
#include <cstddef>

namespace newsearch {

/// The process's resident set size in bytes (Linux /proc/self/statm); 0 if unknown.
std::size_t resident_bytes();

class MemoryBudget {
 public:
  /// Starts counting from the current resident size; bytes == 0: no budget.
  explicit MemoryBudget(std::size_t bytes);

  /// True when the process has grown past its budget and `pending` documents are enough
  /// to be worth a commit (a commit of fewer costs more than it frees).
  bool commit_due(std::size_t pending) const;

  /// After an early commit: hands the freed buffers back to the system, so that the resident
  /// size shows what the process really holds.
  static void release_freed_memory();

  static constexpr std::size_t kMinDocumentsPerCommit = 100;

 private:
  std::size_t limit_;  ///< resident bytes past which a commit is due; 0: none
};

}  // namespace newsearch
