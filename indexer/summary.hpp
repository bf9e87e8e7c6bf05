#pragma once
// What an indexing run did: counted as it goes, printed at the end, stored in metadata.
#include <cstdint>
#include <map>
#include <string>

namespace newsearch {

struct RunSummary {
  std::size_t files = 0;       ///< article files found by the walk
  std::size_t added = 0;       ///< articles new to the index
  std::size_t updated = 0;     ///< articles replaced because their file changed
  std::size_t unchanged = 0;   ///< articles left alone
  std::size_t removed = 0;     ///< articles whose files are gone
  std::size_t skipped = 0;     ///< files or JSON Lines lines not indexed
  std::size_t warnings = 0;    ///< indexed, with a warning (repaired UTF-8, bad date)
  std::size_t memory_commits = 0;  ///< commits made before --batch to stay within --memory-mb
  std::size_t segments = 0;    ///< segment databases a full build merged (0: an update)
  std::map<std::string, std::size_t> skipped_by_reason;
  std::uint64_t bytes = 0;     ///< bytes of the files read and indexed
  double seconds = 0;
  bool interrupted = false;
  std::string error;           ///< set when the run could not proceed
  std::string started;         ///< ISO time the run started (UTC)
  std::string database;

  /// 0 all indexed, 1 some input skipped, 2 the run could not proceed, 130 interrupted.
  int exit_code() const;
  double articles_per_second() const;
  /// One line of JSON (machine-readable).
  std::string json() const;
  /// The multi-line summary for people.
  std::string text() const;
};

}  // namespace newsearch
