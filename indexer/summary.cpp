#include "indexer/summary.hpp"

#include <nlohmann/json.hpp>

#include <cstdio>

namespace newsearch {

int RunSummary::exit_code() const {
  if (!error.empty()) return 2;
  if (interrupted) return 130;
  return skipped ? 1 : 0;
}

double RunSummary::articles_per_second() const {
  const double n = static_cast<double>(added + updated);
  return seconds > 0 ? n / seconds : 0;
}

std::string RunSummary::json() const {
  nlohmann::json j = {{"status", !error.empty() ? "failed" : interrupted ? "interrupted" : skipped ? "partial" : "ok"},
                      {"database", database},
                      {"started", started},
                      {"files", files},
                      {"added", added},
                      {"updated", updated},
                      {"unchanged", unchanged},
                      {"removed", removed},
                      {"skipped", skipped},
                      {"skipped_by_reason", skipped_by_reason},
                      {"warnings", warnings},
                      {"memory_commits", memory_commits},
                      {"segments", segments},
                      {"bytes", bytes},
                      {"seconds", static_cast<double>(static_cast<long>(seconds * 1000)) / 1000},
                      {"articles_per_second", static_cast<long>(articles_per_second())},
                      {"exit_code", exit_code()}};
  if (!error.empty()) j["error"] = error;
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string RunSummary::text() const {
  char buf[512];
  const double mb = static_cast<double>(bytes) / 1e6;
  std::snprintf(buf, sizeof buf,
                "%zu files: %zu added, %zu updated, %zu unchanged, %zu removed, %zu skipped"
                " in %.1f s (%.0f articles/s, %.1f MB/s)",
                files, added, updated, unchanged, removed, skipped, seconds, articles_per_second(),
                seconds > 0 ? mb / seconds : 0.0);
  std::string out = buf;
  for (const auto& [reason, n] : skipped_by_reason) out += "\n  skipped " + std::to_string(n) + ": " + reason;
  if (warnings) out += "\n  " + std::to_string(warnings) + " indexed with warnings (see above)";
  if (memory_commits) out += "\n  " + std::to_string(memory_commits) + " early commits to stay within --memory-mb";
  return out;
}

}  // namespace newsearch
