#include "indexer/memory_budget.hpp"

#include <malloc.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <limits>

namespace newsearch {

std::size_t resident_bytes() {
  std::FILE* f = std::fopen("/proc/self/statm", "r");
  if (!f) return 0;
  unsigned long size_pages = 0, resident_pages = 0;
  const int got = std::fscanf(f, "%lu %lu", &size_pages, &resident_pages);
  std::fclose(f);
  if (got != 2) return 0;
  return static_cast<std::size_t>(resident_pages) * static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
}

MemoryBudget::MemoryBudget(std::size_t bytes) {
  const std::size_t start = resident_bytes();
  limit_ = bytes == 0 ? 0 : start + std::min(bytes, std::numeric_limits<std::size_t>::max() - start);
}

bool MemoryBudget::commit_due(std::size_t pending) const {
  if (limit_ == 0 || pending < kMinDocumentsPerCommit) return false;
  return resident_bytes() > limit_;
}

void MemoryBudget::release_freed_memory() { malloc_trim(0); }

}  // namespace newsearch
