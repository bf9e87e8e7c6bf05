#include "indexer/stats.hpp"

#include <boost/program_options.hpp>
#include <algorithm>
#include <cstdio>
#include <iostream>
#include <unordered_map>
#include <xapian.h>

#include "common/config.hpp"
#include "common/schema.hpp"
#include "common/store.hpp"

namespace po = boost::program_options;

namespace newsearch {

namespace {

using Counts = std::unordered_map<std::string, std::uint64_t>;

void count_packed(const std::string& packed, Counts& into) {
  std::size_t start = 0;
  while (start < packed.size()) {
    std::size_t end = packed.find(kValueSeparator, start);
    if (end == std::string::npos) end = packed.size();
    if (end > start) ++into[packed.substr(start, end - start)];
    start = end + 1;
  }
}

// Value streams read one slot's values without loading documents: one pass per slot.
void count_slot(const Xapian::Database& db, Xapian::valueno slot, Counts& into) {
  for (auto v = db.valuestream_begin(slot); v != db.valuestream_end(slot); ++v) count_packed(*v, into);
}

std::vector<CountedValue> top(const Counts& counts, std::size_t n) {
  std::vector<CountedValue> out;
  out.reserve(counts.size());
  for (const auto& [value, count] : counts) out.push_back({value, value, count});
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return a.count != b.count ? a.count > b.count : a.value < b.value;
  });
  if (out.size() > n) out.resize(n);
  return out;
}

// The most frequent spelling recorded for a person key (metadata p:<key> = {spelling: count}).
std::string person_display(const Xapian::Database& db, const std::string& key) {
  auto j = nlohmann::json::parse(db.get_metadata(std::string(kMetaPersonPrefix) + key), nullptr, false);
  std::string best = key;
  long long best_n = -1;
  if (j.is_object())
    for (auto& [spelling, n] : j.items())
      if (n.is_number_integer() && n.get<long long>() > best_n) best = spelling, best_n = n.get<long long>();
  return best;
}

nlohmann::json counted_json(const std::vector<CountedValue>& values, bool with_key) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& v : values) {
    nlohmann::json item = {{"value", v.value}, {"count", v.count}};
    if (with_key) item["key"] = v.key;
    out.push_back(std::move(item));
  }
  return out;
}

}  // namespace

Result<ArchiveStats> read_archive_stats(const std::string& path, std::size_t n) {
  auto opened = open_for_reading({path});
  if (!opened) return opened.error();
  Xapian::Database& db = *opened;
  for (int attempt = 0;; ++attempt) {
    try {
      ArchiveStats st;
      st.database = path;
      st.articles = db.get_doccount();
      Counts authors, people, tags, months;
      count_slot(db, kSlotAuthors, authors);
      count_slot(db, kSlotPeople, people);
      count_slot(db, kSlotTags, tags);
      for (auto v = db.valuestream_begin(kSlotDate); v != db.valuestream_end(kSlotDate); ++v) {
        const std::string date = *v;  // YYYYMMDDHHMM
        if (date.size() >= 6) ++months[date.substr(0, 4) + "-" + date.substr(4, 2)];
      }
      st.authors = top(authors, n);
      st.people = top(people, n);
      for (auto& p : st.people) p.value = person_display(db, p.key);
      st.tags = top(tags, n);
      st.months = top(months, n);
      return st;
    } catch (const Xapian::DatabaseModifiedError& e) {
      if (attempt >= 3) return error_from_xapian(e, path);
      db.reopen();
    } catch (const Xapian::Error& e) {
      return error_from_xapian(e, path);
    }
  }
}

nlohmann::json stats_json(const ArchiveStats& st) {
  return {{"format_version", 1},          {"database", st.database},
          {"articles", st.articles},      {"authors", counted_json(st.authors, false)},
          {"people", counted_json(st.people, true)}, {"tags", counted_json(st.tags, false)},
          {"months", counted_json(st.months, false)}};
}

std::string stats_text(const ArchiveStats& st) {
  std::string out = st.database + ": " + std::to_string(st.articles) + " articles\n";
  auto section = [&](const char* title, const std::vector<CountedValue>& values) {
    out += std::string("\n") + title + "\n";
    if (values.empty()) out += "  (none)\n";
    for (const auto& v : values) {
      char count[32];
      std::snprintf(count, sizeof count, "%8llu  ", static_cast<unsigned long long>(v.count));
      out += count + v.value + "\n";
    }
  };
  section("Top authors", st.authors);
  section("Top people", st.people);
  section("Top tags", st.tags);
  section("Busiest months", st.months);
  return out;
}

int stats_command(int argc, const char* const argv[]) {
  std::string database;
  std::size_t n = 10;
  po::options_description visible("Options");
  visible.add_options()
      ("help,h", "show this help and exit")
      ("db,d", po::value(&database)->value_name("DIR"), "database folder")
      ("top", po::value(&n)->default_value(10)->value_name("N"), "how many of each to show")
      ("json", "print one JSON object");
  add_config_option(visible);
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(argc, argv).options(visible).run(), vm);
    if (auto err = store_config(visible, vm)) {
      std::fprintf(stderr, "newsindex stats: error: %s\n", err->message.c_str());
      return 2;
    }
    po::notify(vm);
  } catch (const po::error& e) {
    std::fprintf(stderr, "newsindex stats: error: %s\nhint: newsindex stats --help\n", e.what());
    return 2;
  }
  if (vm.count("help")) {
    std::cout << "Usage: newsindex stats [OPTIONS]   top authors, people, tags and months of the archive\n\n"
              << visible << "\nExit status: 0, or 2 when the database cannot be read or a bad option.\n";
    return 0;
  }
  if (n == 0) {
    std::fprintf(stderr, "newsindex stats: error: --top must be at least 1\n");
    return 2;
  }
  if (database.empty()) database = default_database_path();
  auto st = read_archive_stats(database, n);
  if (!st) {
    std::fprintf(stderr, "newsindex stats: error: %s\n", st.error().message.c_str());
    if (!st.error().hint.empty()) std::fprintf(stderr, "hint: %s\n", st.error().hint.c_str());
    return 2;
  }
  if (vm.count("json"))
    std::cout << stats_json(*st).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  else
    std::cout << stats_text(*st);
  return 0;
}

}  // namespace newsearch
