#include "indexer/status.hpp"

#include <sys/stat.h>

#include <boost/program_options.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <xapian.h>

#include "common/bigrams.hpp"
#include "common/champion_lists.hpp"
#include "common/config.hpp"
#include "common/schema.hpp"
#include "common/store.hpp"

namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace newsearch {

namespace {

constexpr double kDefaultMaxAgeHours = 36;  // a nightly run, plus a night's slack

// "YYYYMMDDHHMM" -> "YYYY-MM-DDTHH:MM"
std::string iso_minute(const std::string& v) {
  if (v.size() < 12) return v;
  return v.substr(0, 4) + "-" + v.substr(4, 2) + "-" + v.substr(6, 2) + "T" + v.substr(8, 2) + ":" + v.substr(10, 2);
}

std::string iso_utc(std::time_t t) {
  char buf[32];
  std::tm tm{};
  gmtime_r(&t, &tm);
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

// "2025-03-01T21:09:00Z" (as RunSummary writes it) -> seconds since the epoch.
std::optional<double> parse_iso_utc(const std::string& s) {
  std::tm tm{};
  char z = 0;
  if (std::sscanf(s.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%c", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour,
                  &tm.tm_min, &tm.tm_sec, &z) != 7 || z != 'Z')
    return std::nullopt;
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  return static_cast<double>(timegm(&tm));
}

std::string human_size(std::uint64_t bytes) {
  char buf[32];
  if (bytes < 1024 * 1024)
    std::snprintf(buf, sizeof buf, "%.1f KB", static_cast<double>(bytes) / 1024);
  else if (bytes < 1024ull * 1024 * 1024)
    std::snprintf(buf, sizeof buf, "%.1f MB", static_cast<double>(bytes) / (1024 * 1024));
  else
    std::snprintf(buf, sizeof buf, "%.2f GB", static_cast<double>(bytes) / (1024 * 1024 * 1024));
  return buf;
}

// Size and newest mtime of the files under path. The lock file is left out of the time:
// a writer touches it when it opens the database, not when it commits.
void measure_files(const fs::path& path, DatabaseStatus& out) {
  std::error_code ec;
  auto account = [&](const fs::path& file) {
    struct stat st {};
    if (stat(file.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return;
    out.size_bytes += static_cast<std::uint64_t>(st.st_size);
    if (file.filename() != "flintlock" && (!out.last_commit || st.st_mtime > *out.last_commit))
      out.last_commit = st.st_mtime;
  };
  if (!fs::is_directory(path, ec)) {
    account(path);
    return;
  }
  for (auto it = fs::recursive_directory_iterator(path, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec))
    account(it->path());
}

std::string last_run_line(const nlohmann::json& run) {
  if (!run.is_object()) return "none recorded";
  char buf[512];
  std::snprintf(buf, sizeof buf, "%s: started %s, %.1f s; %llu files, %llu added, %llu updated, %llu removed, %llu skipped",
                run.value("status", "?").c_str(), run.value("started", "?").c_str(), run.value("seconds", 0.0),
                run.value("files", 0ull), run.value("added", 0ull), run.value("updated", 0ull),
                run.value("removed", 0ull), run.value("skipped", 0ull));
  std::string line = buf;
  if (run.contains("error") && run["error"].is_string()) {
    std::string error = run["error"].get<std::string>();
    line += "\n             error: " + error.substr(0, error.find('\n'));
  }
  return line;
}

}  // namespace

Result<DatabaseStatus> read_database_status(const std::string& path) {
  auto opened = open_for_reading({path});
  if (!opened) return opened.error();
  Xapian::Database& db = *opened;
  // A commit during the scan invalidates it (DatabaseModifiedError): reopen and start again.
  for (int attempt = 0;; ++attempt) {
    try {
      DatabaseStatus st;
      st.database = path;
      st.articles = db.get_doccount();
      std::string first, last;
      for (auto v = db.valuestream_begin(kSlotDate); v != db.valuestream_end(kSlotDate); ++v) {
        const std::string date = *v;
        if (first.empty() || date < first) first = date;
        if (date > last) last = date;
      }
      st.first_date = iso_minute(first);
      st.last_date = iso_minute(last);
      st.schema_version = db.get_metadata(std::string(kMetaSchema));
      st.language = database_language(db);
      st.last_run = nlohmann::json::parse(db.get_metadata(std::string(kMetaLastRun)), nullptr, false);
      if (!st.last_run.is_object()) st.last_run = nullptr;
      // Every shard's stamp: the database opened as one reads the first shard's only.
      if (auto shards = open_for_search({path}, false)) st.word_pairs = all_parts_have_pairs(shards->parts);
      const std::string prefix(kMetaChampionPrefix);
      for (auto k = db.metadata_keys_begin(prefix); k != db.metadata_keys_end(prefix); ++k) ++st.champion_words;
      try {
        st.champions_current = champion_lists_current(db);
      } catch (const Xapian::InvalidOperationError&) {
        // several shards have no one revision (each search checks each shard's lists)
      }
      measure_files(path, st);
      return st;
    } catch (const Xapian::DatabaseModifiedError& e) {
      if (attempt >= 3) return error_from_xapian(e, path);
      db.reopen();
    } catch (const Xapian::Error& e) {
      return error_from_xapian(e, path);
    }
  }
}

Health judge_health(const DatabaseStatus& status, double max_age_hours, double now) {
  Health h;
  const nlohmann::json& run = status.last_run;
  if (!run.is_object()) {
    h.problems.push_back("no indexing run is recorded in this database");
    return h;
  }
  const std::string state = run.value("status", "");
  if (state == "failed" || run.value("exit_code", 0) == 2)
    h.problems.push_back("last run failed: " + run.value("error", std::string("(no message)")));
  else if (state == "interrupted")
    h.problems.push_back("last run was interrupted: the index is incomplete until a run finishes");
  const auto started = parse_iso_utc(run.value("started", ""));
  if (!started) {
    h.problems.push_back("last run has no valid start time");
    return h;
  }
  h.last_run_age_hours = (now - (*started + run.value("seconds", 0.0))) / 3600;
  if (*h.last_run_age_hours > max_age_hours) {
    char buf[160];
    std::snprintf(buf, sizeof buf, "last run finished %.1f hours ago, more than --max-age %g",
                  *h.last_run_age_hours, max_age_hours);
    h.problems.push_back(buf);
  }
  return h;
}

nlohmann::json status_json(const DatabaseStatus& st, const Health& health, double max_age_hours) {
  nlohmann::json j = {{"format_version", 1},
                      {"database", st.database},
                      {"healthy", health.problems.empty()},
                      {"problems", health.problems},
                      {"articles", st.articles},
                      {"size_bytes", st.size_bytes},
                      {"first_date", st.first_date.empty() ? nlohmann::json() : nlohmann::json(st.first_date)},
                      {"last_date", st.last_date.empty() ? nlohmann::json() : nlohmann::json(st.last_date)},
                      {"last_commit", st.last_commit ? nlohmann::json(iso_utc(*st.last_commit)) : nlohmann::json()},
                      {"schema_version", st.schema_version},
                      {"language", st.language},
                      {"max_age_hours", max_age_hours},
                      {"last_run_age_hours", health.last_run_age_hours ? nlohmann::json(*health.last_run_age_hours)
                                                                        : nlohmann::json()},
                      {"last_run", st.last_run}};
  j["word_pairs"] = st.word_pairs;
  j["champion_lists"] = st.champions_current
                            ? nlohmann::json{{"current", *st.champions_current}, {"words", st.champion_words}}
                            : nlohmann::json();
  return j;
}

std::string status_text(const DatabaseStatus& st, const Health& health, double max_age_hours) {
  std::string out;
  auto row = [&](const char* name, const std::string& value) {
    char label[16];
    std::snprintf(label, sizeof label, "%-13s", name);
    out += label + value + "\n";
  };
  row("database", st.database);
  row("articles", std::to_string(st.articles));
  row("size", human_size(st.size_bytes));
  row("dates", st.first_date.empty() ? "none" : st.first_date + " .. " + st.last_date);
  row("last commit", st.last_commit ? iso_utc(*st.last_commit) : "unknown");
  row("schema", st.schema_version.empty() ? "unknown" : st.schema_version + " (language " + st.language + ")");
  row("last run", last_run_line(st.last_run));
  if (st.champions_current)
    row("word lists", std::to_string(st.champion_words) + " frequent words' best articles, " +
                          (*st.champions_current ? "current" : "unused until the next run (the database changed since)"));
  row("word pairs", st.word_pairs ? "indexed (two-word phrases read no positions)"
                                   : "not indexed (an earlier version's database: --rebuild makes them)");
  if (health.last_run_age_hours) {
    char age[96];
    std::snprintf(age, sizeof age, "%.1f hours since the last run finished (--max-age %g)",
                  *health.last_run_age_hours, max_age_hours);
    row("age", age);
  }
  if (health.problems.empty()) row("health", "ok");
  for (const auto& p : health.problems) row("health", "PROBLEM: " + p);
  return out;
}

int status_command(int argc, const char* const argv[]) {
  std::string database;
  double max_age = kDefaultMaxAgeHours;
  po::options_description visible("Options");
  visible.add_options()
      ("help,h", "show this help and exit")
      ("db,d", po::value(&database)->value_name("DIR"), "database folder")
      ("max-age", po::value(&max_age)->default_value(kDefaultMaxAgeHours)->value_name("HOURS"),
       "a last run that finished longer ago than this is a problem")
      ("json", "print one JSON object");
  add_config_option(visible);
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(argc, argv).options(visible).run(), vm);
    if (auto err = store_config(visible, vm)) {
      std::fprintf(stderr, "newsindex status: error: %s\n", err->message.c_str());
      return 2;
    }
    po::notify(vm);
  } catch (const po::error& e) {
    std::fprintf(stderr, "newsindex status: error: %s\nhint: newsindex status --help\n", e.what());
    return 2;
  }
  if (vm.count("help")) {
    std::cout << "Usage: newsindex status [OPTIONS]   the database and its last indexing run\n\n"
              << visible
              << "\nShows the article count, size on disk, date range, last commit, schema version and\n"
                 "the last run's summary. Exit status: 0 healthy, 1 the last run failed, was\n"
                 "interrupted, is missing or finished more than --max-age hours ago, 2 the database\n"
                 "cannot be read or a bad option.\n";
    return 0;
  }
  if (!(max_age >= 0)) {
    std::fprintf(stderr, "newsindex status: error: --max-age must be at least 0\n");
    return 2;
  }
  if (database.empty()) database = default_database_path();
  auto st = read_database_status(database);
  if (!st) {
    std::fprintf(stderr, "newsindex status: error: %s\n", st.error().message.c_str());
    if (!st.error().hint.empty()) std::fprintf(stderr, "hint: %s\n", st.error().hint.c_str());
    return 2;
  }
  const double now =
      std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
  const Health health = judge_health(*st, max_age, now);
  if (vm.count("json"))
    std::cout << status_json(*st, health, max_age).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)
              << "\n";
  else
    std::cout << status_text(*st, health, max_age);
  return health.problems.empty() ? 0 : 1;
}

void record_failed_run(const std::string& database, const std::string& language, const std::string& summary_json) {
  std::error_code ec;
  if (!fs::is_directory(database, ec)) return;  // never create a database only to say a run failed
  auto opened = open_for_writing(database, language);
  if (!opened) return;
  try {
    opened->set_metadata(std::string(kMetaLastRun), summary_json);
    opened->commit();
    opened->close();
  } catch (const Xapian::Error&) {
    // The run's own error is already reported; failing to record it changes nothing more.
  }
}

}  // namespace newsearch
