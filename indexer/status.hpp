#pragma once
// `newsindex status`: the state of a database and of its last indexing run, for people and
// for monitoring (exit status 1 when the last run failed or is too old).
#include <nlohmann/json.hpp>

#include <cstdint>
#include <ctime>
#include <optional>
#include <string>
#include <vector>

#include "common/result.hpp"

namespace newsearch {

/// What a database holds, read without writing to it.
struct DatabaseStatus {
  std::string database;
  std::uint64_t articles = 0;
  std::uint64_t size_bytes = 0;        ///< all files of the database on disk
  std::string first_date, last_date;   ///< "YYYY-MM-DDTHH:MM" (empty when no article has a date)
  std::optional<std::time_t> last_commit;  ///< newest modification time of the database files
  std::string schema_version;
  std::string language;
  nlohmann::json last_run;             ///< the stored one-line summary, or null
  /// Whether the champion lists describe the database as it is (unknown over shards).
  std::optional<bool> champions_current;
  std::uint64_t champion_words = 0;    ///< words with a list
  bool word_pairs = false;             ///< every article has its word pairs (common/bigrams.hpp)
};

/// Reads the status of the database at path (a folder or stub file).
Result<DatabaseStatus> read_database_status(const std::string& path);

/// Whether monitoring should be happy with a database.
struct Health {
  std::vector<std::string> problems;           ///< empty: healthy
  std::optional<double> last_run_age_hours;    ///< since the last run finished
};

/// Judges the last run: failed, interrupted, missing, or finished more than max_age_hours
/// before now (seconds since the epoch) are problems.
Health judge_health(const DatabaseStatus& status, double max_age_hours, double now);

/// The status as one JSON object (format_version 1, see docs/operations.md).
nlohmann::json status_json(const DatabaseStatus& status, const Health& health, double max_age_hours);

/// The status as aligned lines for people.
std::string status_text(const DatabaseStatus& status, const Health& health, double max_age_hours);

/// `newsindex status [OPTIONS]`; argv[0] is "status". Exit status 0 healthy, 1 a problem
/// with the last run, 2 the database cannot be read or a bad option.
int status_command(int argc, const char* const argv[]);

/// Stores a failed run's summary in the database, so `status` reports it. Does nothing when
/// the database does not exist yet or cannot be opened for writing (e.g. another newsindex
/// holds it: that run records its own outcome).
void record_failed_run(const std::string& database, const std::string& language, const std::string& summary_json);

}  // namespace newsearch
