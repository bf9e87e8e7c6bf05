#include "indexer/index_run.hpp"

#include <xapian.h>

#include <chrono>
#include <condition_variable>
#include <ctime>
#include <deque>
#include <filesystem>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include <nlohmann/json.hpp>

#include "common/aliases.hpp"
#include "common/analyzer.hpp"
#include "common/hash.hpp"
#include "common/schema.hpp"
#include "common/store.hpp"
#include "indexer/file_processor.hpp"
#include "indexer/file_state.hpp"
#include "indexer/near_duplicates.hpp"
#include "indexer/progress.hpp"
#include "indexer/walk.hpp"

namespace newsearch {

std::atomic<bool> g_stop_requested{false};

namespace {

// A bounded queue from the workers to the writer.
class ResultQueue {
 public:
  explicit ResultQueue(std::size_t capacity) : capacity_(capacity) {}
  void push(ProcessedFile item) {
    std::unique_lock lock(mutex_);
    not_full_.wait(lock, [&] { return items_.size() < capacity_; });
    items_.push_back(std::move(item));
    not_empty_.notify_one();
  }
  /// Blocks until an item is there or every producer has finished.
  std::optional<ProcessedFile> pop() {
    std::unique_lock lock(mutex_);
    not_empty_.wait(lock, [&] { return !items_.empty() || producers_ == 0; });
    if (items_.empty()) return std::nullopt;
    ProcessedFile item = std::move(items_.front());
    items_.pop_front();
    not_full_.notify_one();
    return item;
  }
  void set_producers(std::size_t n) { producers_ = n; }
  void producer_done() {
    std::lock_guard lock(mutex_);
    --producers_;
    not_empty_.notify_all();
  }

 private:
  std::size_t capacity_;
  std::size_t producers_ = 0;
  std::deque<ProcessedFile> items_;
  std::mutex mutex_;
  std::condition_variable not_empty_, not_full_;
};

std::string utc_now() {
  std::time_t t = std::time(nullptr);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
  return buf;
}

// Keeps the display spellings seen for each person key; merged into metadata at commits
// so the searcher can show each person under the most frequent full spelling.
class PersonSpellings {
 public:
  void add(const Person& p) { ++counts_[p.key][p.display]; }
  void flush(Xapian::WritableDatabase& db) {
    for (auto& [key, spellings] : counts_) {
      const std::string meta_key = boolean_term(kMetaPersonPrefix, key);
      nlohmann::json j = nlohmann::json::parse(db.get_metadata(meta_key), nullptr, false);
      if (!j.is_object()) j = nlohmann::json::object();
      for (auto& [display, n] : spellings) j[display] = j.value(display, 0) + n;
      db.set_metadata(meta_key, j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    }
    counts_.clear();
  }

 private:
  std::unordered_map<std::string, std::unordered_map<std::string, int>> counts_;
};

}  // namespace

RunSummary run_index(const IndexOptions& options) {
  RunSummary summary;
  summary.started = utc_now();
  summary.database = options.database;
  const auto t0 = std::chrono::steady_clock::now();
  auto finish = [&]() -> RunSummary {
    summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return summary;
  };

  if (!is_snowball_language(options.language)) {
    summary.error = "unknown --language '" + options.language + "' (newsindex --help lists them)";
    return finish();
  }
  const std::string language = canonical_language(options.language);
  for (const auto& p : options.paths) {
    std::error_code ec;
    if (!std::filesystem::exists(p, ec)) {
      summary.error = "path " + p + " does not exist";
      return finish();
    }
  }
  std::shared_ptr<const AliasTable> aliases;
  if (!options.aliases_file.empty()) {
    std::vector<std::string> alias_warnings;
    auto loaded = AliasTable::load_file(options.aliases_file, &alias_warnings);
    if (!loaded) {
      summary.error = "cannot read aliases file " + options.aliases_file;
      return finish();
    }
    for (const auto& w : alias_warnings) std::fprintf(stderr, "newsindex: warning: %s\n", w.c_str());
    aliases = std::make_shared<const AliasTable>(std::move(*loaded));
  }

  auto opened = open_for_writing(options.database, language);
  if (!opened) {
    summary.error = opened.error().message + (opened.error().hint.empty() ? "" : "\nhint: " + opened.error().hint);
    return finish();
  }
  Xapian::WritableDatabase db = std::move(*opened);

  // Declared out here so that an error in the writer can still stop and join the workers.
  ResultQueue queue(256);
  std::vector<std::thread> workers;
  std::atomic<bool> abort{false};
  auto stop_workers = [&] {
    abort = true;
    while (queue.pop()) {
    }
    for (auto& w : workers)
      if (w.joinable()) w.join();
  };

  try {
    db.set_metadata(std::string(kMetaSchema), std::to_string(kSchemaVersion));
    db.set_metadata(std::string(kMetaLanguage), language);

    // Walk, and sort out which files need reading.
    std::vector<std::string> walk_problem_paths;
    std::vector<std::string> early_warnings;
    WalkOptions walk_options;
    walk_options.extensions = options.extensions;
    auto files = walk(options.paths, walk_options, [&](const std::string& path, const std::string& reason) {
      walk_problem_paths.push_back(path);
      early_warnings.push_back(path + ": " + reason);
    });
    summary.files = files.size();

    Progress progress(options.quiet, files.size());
    for (const auto& w : early_warnings) progress.warn(w);

    std::vector<std::pair<FoundFile, std::optional<FileState>>> todo;
    std::unordered_set<std::string> seen;
    seen.reserve(files.size());
    for (auto& f : files) {
      seen.insert(file_key(f.abs_path));
      auto prev = read_file_state(db, f.abs_path);
      if (prev && prev->size == f.size && prev->mtime_ns == f.mtime_ns) {
        summary.unchanged += prev->documents;
        progress.file_done(0, 0);
        continue;
      }
      todo.emplace_back(std::move(f), std::move(prev));
    }

    DuplicateClusters clusters;
    if (!todo.empty()) clusters.load(db);

    // Workers parse and build; this thread writes.
    ProcessOptions process_options;
    process_options.max_size = options.max_size;
    process_options.language = language;
    process_options.spelling = options.spelling;
    const unsigned n_workers = options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency());
    queue.set_producers(n_workers);
    std::atomic<std::size_t> next{0};
    for (unsigned w = 0; w < n_workers; ++w) {
      workers.emplace_back([&] {
        FileProcessor processor(process_options, aliases);
        for (;;) {
          const std::size_t i = next.fetch_add(1);
          if (i >= todo.size() || g_stop_requested.load() || abort.load()) break;
          queue.push(processor.process(todo[i].first, todo[i].second));
        }
        ProcessedFile last;
        last.outcome = ProcessedFile::Outcome::kSpellingOnly;
        last.spelling = processor.take_spelling();
        queue.push(std::move(last));
        queue.producer_done();
      });
    }

    PersonSpellings spellings;
    std::size_t pending = 0;
    auto commit = [&] {
      spellings.flush(db);
      db.commit();
      pending = 0;
    };
    double wait_s = 0, commit_s = 0;
    auto tw = std::chrono::steady_clock::now();
    while (auto item = queue.pop()) {
      wait_s += std::chrono::duration<double>(std::chrono::steady_clock::now() - tw).count();
      ProcessedFile& r = *item;
      for (const auto& [word, count] : r.spelling) db.add_spelling(word, count);
      if (r.outcome == ProcessedFile::Outcome::kSpellingOnly) continue;
      for (const auto& w : r.warnings) progress.warn(w);
      summary.skipped += r.skipped_lines;
      if (r.skipped_lines) summary.skipped_by_reason["invalid JSON Lines line"] += r.skipped_lines;
      switch (r.outcome) {
        case ProcessedFile::Outcome::kSpellingOnly:
          break;
        case ProcessedFile::Outcome::kSkipped:
          ++summary.skipped;
          ++summary.skipped_by_reason[r.skip_reason];
          progress.warn(r.file.abs_path + ": " + r.skip_detail + ", skipped");
          progress.file_done(0, 0);
          continue;
        case ProcessedFile::Outcome::kSameContent:
          write_file_state(db, r.file.abs_path, r.state);
          summary.unchanged += r.state.documents;
          break;
        case ProcessedFile::Outcome::kIndexed: {
          for (const auto& w : r.warnings) (void)w, ++summary.warnings;
          if (r.previous) {
            db.delete_document(boolean_term(kPrefixFile, file_key(r.file.abs_path)));
            summary.updated += r.documents.size();
          } else {
            summary.added += r.documents.size();
          }
          for (std::size_t d = 0; d < r.documents.size(); ++d) {
            BuiltDocument& built = r.documents[d];
            built.document.add_value(kSlotDupKey, hex64(clusters.assign(built.fingerprint)));
            for (const auto& p : r.people[d]) spellings.add(p);
            db.add_document(built.document);
          }
          write_file_state(db, r.file.abs_path, r.state);
          summary.bytes += r.state.size;
          pending += r.documents.size();
          break;
        }
      }
      progress.file_done(r.documents.size(), r.state.size);
      if (pending >= options.batch) {
        auto tc = std::chrono::steady_clock::now();
        commit();
        commit_s += std::chrono::duration<double>(std::chrono::steady_clock::now() - tc).count();
      }
      tw = std::chrono::steady_clock::now();
    }
    if (getenv("NEWSINDEX_DEBUG")) fprintf(stderr, "writer waited %.2f s, committed %.2f s\n", wait_s, commit_s);
    for (auto& w : workers) w.join();
    summary.interrupted = g_stop_requested.load();

    // Articles whose files are gone from the indexed folders (not when a folder could not
    // be read: its files are not gone, only unreachable this time).
    if (!summary.interrupted && !options.keep_missing) {
      for (const auto& given : options.paths) {
        const std::string root = absolute_path(given);
        const bool is_dir = std::filesystem::is_directory(root);
        const std::string prefix = std::string(kMetaFilePrefix) + (is_dir ? root + "/" : root);
        std::vector<std::string> gone;
        for (auto k = db.metadata_keys_begin(prefix); k != db.metadata_keys_end(prefix); ++k) {
          const std::string key = *k;
          const std::string path_key = key.substr(kMetaFilePrefix.size());
          if (!is_dir && path_key != root) continue;
          if (seen.count(path_key)) continue;
          bool unreachable = false;
          for (const auto& bad : walk_problem_paths)
            if (path_key.starts_with(bad + "/") || path_key == bad) unreachable = true;
          if (!unreachable) gone.push_back(key);
        }
        for (const auto& key : gone) {
          if (auto st = FileState::parse(db.get_metadata(key))) summary.removed += st->documents;
          db.delete_document(boolean_term(kPrefixFile, key.substr(kMetaFilePrefix.size())));
          db.set_metadata(key, "");
        }
      }
    }
    progress.finish();
    summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    db.set_metadata(std::string(kMetaLastRun), summary.json());
    commit();
    db.close();
  } catch (const Xapian::Error& e) {
    stop_workers();
    const Error err = error_from_xapian(e, options.database);
    summary.error = err.message + (err.hint.empty() ? "" : "\nhint: " + err.hint);
    try {
      db.close();  // without commit: the database stays at its last commit
    } catch (const Xapian::Error&) {
    }
  } catch (const std::exception& e) {
    stop_workers();
    summary.error = std::string("unexpected error: ") + e.what();
  }
  return finish();
}

}  // namespace newsearch
