#pragma once
// `newsindex stats`: who and what the whole archive is about (top authors, people, tags and
// months), read from the value slots without running a query.
#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "common/result.hpp"

namespace newsearch {

/// A value and the number of articles that have it.
struct CountedValue {
  std::string value;   ///< display form (a person's most frequent spelling)
  std::string key;     ///< the stored form (person key); equal to value for the others
  std::uint64_t count = 0;
};

struct ArchiveStats {
  std::string database;
  std::uint64_t articles = 0;
  std::vector<CountedValue> authors, people, tags, months;  ///< most frequent first
};

/// Counts authors, people, tags and months (YYYY-MM) over every article; keeps the top n of each.
Result<ArchiveStats> read_archive_stats(const std::string& path, std::size_t n);

nlohmann::json stats_json(const ArchiveStats& stats);
std::string stats_text(const ArchiveStats& stats);

/// `newsindex stats [OPTIONS]`; argv[0] is "stats". Exit status 0, or 2 on error.
int stats_command(int argc, const char* const argv[]);

}  // namespace newsearch
