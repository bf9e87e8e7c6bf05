#include "indexer/index_run.hpp"

#include <sys/statvfs.h>
#include <unistd.h>
#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <deque>
#include <exception>
#include <filesystem>
#include <functional>
#include <limits>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "common/aliases.hpp"
#include "common/analyzer.hpp"
#include "common/cluster_count.hpp"
#include "common/hash.hpp"
#include "common/schema.hpp"
#include "common/store.hpp"
#include "indexer/champion_builder.hpp"
#include "indexer/file_processor.hpp"
#include "indexer/file_state.hpp"
#include "indexer/memory_budget.hpp"
#include "indexer/near_duplicates.hpp"
#include "indexer/progress.hpp"
#include "indexer/shard_set.hpp"
#include "indexer/walk.hpp"

namespace newsearch {

std::atomic<bool> g_stop_requested{false};

namespace {

// Steps that take minutes over a large archive (the merge, the champion lists) say what
// they are doing from this many articles on; over a small one they say nothing.
constexpr std::size_t kTalksFrom = 100000;

/// A member of a duplicate cluster: the collapse key, and the term that finds its cluster.
void mark_duplicate(Xapian::Document& doc, std::uint64_t key) {
  const std::string hex = hex64(key);
  doc.add_value(kSlotDupKey, hex);
  doc.add_boolean_term(std::string(kPrefixDupCluster) + hex);
}

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

// Adds a writer's counts to the run's.
void add_counts(RunSummary& into, const RunSummary& from) {
  into.added += from.added;
  into.updated += from.updated;
  into.unchanged += from.unchanged;
  into.removed += from.removed;
  into.skipped += from.skipped;
  into.warnings += from.warnings;
  into.memory_commits += from.memory_commits;
  into.bytes += from.bytes;
  for (const auto& [reason, n] : from.skipped_by_reason) into.skipped_by_reason[reason] += n;
}

// Shared by the writer threads.
struct WriteContext {
  Progress& progress;
  DuplicateClusters& clusters;
  std::size_t batch;
  const MemoryBudget& memory;
  std::string database;  ///< for error messages
};

// Where one writer thread writes: the database itself (an update), or one lane of a full
// build, which moves on to a new segment each time one fills up.
struct WriterTarget {
  Xapian::WritableDatabase* database = nullptr;
  ShardSet* shards = nullptr;
  unsigned lane = 0;
};

// One writer thread: applies processed files to its database, committing every batch.
RunSummary write_results(ResultQueue& queue, WriterTarget where, WriteContext& ctx, std::atomic<bool>& abort) {
  RunSummary counts;
  PersonSpellings spellings;
  std::size_t pending = 0;
  // Re-read after each roll: the lane's writer then holds the next segment.
  Xapian::WritableDatabase* db = where.shards ? &where.shards->shard(where.lane) : where.database;
  unsigned target = where.shards ? where.shards->segment_id(where.lane) : 0;  // for duplicate clusters
  auto commit = [&] {
    spellings.flush(*db);
    db->commit();
    pending = 0;
  };
  try {
    while (auto item = queue.pop()) {
      if (abort) continue;  // drain: the workers must not block on a full queue
      ProcessedFile& r = *item;
      for (const auto& [word, count] : r.spelling) db->add_spelling(word, count);
      if (r.outcome == ProcessedFile::Outcome::kSpellingOnly) continue;
      for (const auto& w : r.warnings) ctx.progress.warn(w);
      counts.skipped += r.skipped_lines;
      if (r.skipped_lines) counts.skipped_by_reason["invalid JSON Lines line"] += r.skipped_lines;
      switch (r.outcome) {
        case ProcessedFile::Outcome::kSpellingOnly:
          break;
        case ProcessedFile::Outcome::kSkipped:
          ++counts.skipped;
          ++counts.skipped_by_reason[r.skip_reason];
          ctx.progress.warn(r.file.abs_path + ": " + r.skip_detail + ", skipped");
          ctx.progress.file_done(0, 0);
          continue;
        case ProcessedFile::Outcome::kSameContent:
          write_file_state(*db, r.file.abs_path, r.state);
          counts.unchanged += r.state.documents;
          break;
        case ProcessedFile::Outcome::kIndexed: {
          counts.warnings += r.warnings.size();
          if (r.previous) {
            db->delete_document(boolean_term(kPrefixFile, file_key(r.file.abs_path)));
            counts.updated += r.documents.size();
          } else {
            counts.added += r.documents.size();
          }
          for (std::size_t d = 0; d < r.documents.size(); ++d) {
            BuiltDocument& built = r.documents[d];
            const auto [key, joined] = ctx.clusters.assign(built.fingerprint, built.id);
            if (joined) mark_duplicate(built.document, key);
            for (const auto& p : r.people[d]) spellings.add(p);
            const Xapian::docid docid = db->add_document(built.document);
            if (!joined) ctx.clusters.placed(key, target, docid);
          }
          write_file_state(*db, r.file.abs_path, r.state);
          counts.bytes += r.state.size;
          pending += r.documents.size();
          break;
        }
      }
      ctx.progress.file_done(r.documents.size(), r.state.size);
      if (where.shards && where.shards->segment_full(where.lane)) {
        commit();
        where.shards->roll(where.lane);
        db = &where.shards->shard(where.lane);
        target = where.shards->segment_id(where.lane);
      } else if (pending >= ctx.batch) {
        commit();
      } else if (ctx.memory.commit_due(pending)) {
        commit();
        ++counts.memory_commits;
        MemoryBudget::release_freed_memory();
      }
    }
    commit();
  } catch (const Xapian::Error& e) {
    abort = true;
    // Mapped here like every other Xapian error, so a full disk says so (not "Error writing block").
    const Error err = error_from_xapian(e, ctx.database);
    counts.error = err.message + (err.hint.empty() ? "" : "\nhint: " + err.hint);
    while (queue.pop()) {
    }
  }
  return counts;
}

// The file keys of the walk, hashed and sorted: 8 bytes a file where a set of the keys took
// about 120. Two keys would have to share a hash for a vanished file to stay indexed (for
// a million files, a chance of about 3 in 100 million).
std::vector<std::uint64_t> sorted_key_hashes(const std::vector<FoundFile>& files) {
  std::vector<std::uint64_t> hashes;
  hashes.reserve(files.size());
  for (const auto& f : files) hashes.push_back(hash64(file_key(f.abs_path)));
  std::sort(hashes.begin(), hashes.end());
  return hashes;
}

// Deletes the articles of files under the roots that the walk did not see (and that are
// not under a folder the walk could not read: those are unreachable, not gone).
std::size_t remove_missing(Xapian::WritableDatabase& db, const std::vector<std::string>& paths,
                           const std::vector<std::uint64_t>& seen,
                           const std::vector<std::string>& unreachable_paths) {
  std::size_t removed = 0;
  for (const auto& given : paths) {
    const std::string root = absolute_path(given);
    const bool is_dir = std::filesystem::is_directory(root);
    const std::string prefix = std::string(kMetaFilePrefix) + (is_dir ? root + "/" : root);
    std::vector<std::string> gone;
    for (auto k = db.metadata_keys_begin(prefix); k != db.metadata_keys_end(prefix); ++k) {
      const std::string key = *k;
      const std::string path_key = key.substr(kMetaFilePrefix.size());
      if (!is_dir && path_key != root) continue;
      if (std::binary_search(seen.begin(), seen.end(), hash64(path_key))) continue;
      bool unreachable = false;
      for (const auto& bad : unreachable_paths)
        if (path_key.starts_with(bad + "/") || path_key == bad) unreachable = true;
      if (!unreachable) gone.push_back(key);
    }
    for (const auto& key : gone) {
      if (auto st = FileState::parse(db.get_metadata(key))) removed += st->documents;
      db.delete_document(boolean_term(kPrefixFile, key.substr(kMetaFilePrefix.size())));
      db.set_metadata(key, "");
    }
  }
  return removed;
}

// libxapian 1.4.22 itself calls std::terminate from inside WritableDatabase::commit() when
// the disk fills up at some points of a commit (a glass table write failing with ENOSPC):
// "terminate called without an active exception", or "... after throwing an instance of
// 'Xapian::DatabaseError'", exit 134, with only libxapian frames between commit() and
// std::terminate (found by the full-disk test; reproduced with one writer at fixed tmpfs
// sizes, e.g. 972 KiB and 988 KiB for 400 articles). Nothing on this side can catch it.
// While a run is on, this terminate handler checks the file system of the database: when it
// is full, it says so as every other full-disk error does and exits 2 at once. That is as
// safe as kill -9, which the reliability tests show leaves the database at its last commit
// (a commit is atomic); any other terminate goes on to the usual handler.
std::string g_database;      // the database of the run, for the message
std::string g_database_dir;  // the folder that holds it and its <db>.build
std::terminate_handler g_previous_terminate = nullptr;
constexpr std::uint64_t kFullDiskBytes = 256 * 1024;  // free space below this counts as full

[[noreturn]] void terminate_on_full_disk() {
  struct statvfs fs_stat {};
  if (!g_database_dir.empty() && ::statvfs(g_database_dir.c_str(), &fs_stat) == 0 &&
      static_cast<std::uint64_t>(fs_stat.f_bavail) * fs_stat.f_frsize < kFullDiskBytes) {
    char msg[8192];
    const int n = std::snprintf(msg, sizeof msg,
                                "newsindex: error: cannot write database %s: disk full (No space left on device)\n"
                                "hint: free some space and run the same command again: the database is kept at "
                                "its last commit\n",
                                g_database.c_str());
    if (n > 0) (void)!::write(STDERR_FILENO, msg, std::min<std::size_t>(static_cast<std::size_t>(n), sizeof msg - 1));
    ::_exit(2);
  }
  if (g_previous_terminate) g_previous_terminate();
  std::abort();
}

// An aside build a crash damaged past what its opening checks (a segment cut short reads as
// "EOF reading block" when a lookup or the merge reaches it; the aside build skips fsync)
// would fail every rerun the same way.
struct AsideBuildDamaged : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// A Xapian error that says a database's files are damaged or cut short (not a lock, not a
// full disk): inside the aside build, starting it afresh is the cure.
bool is_damage(const Xapian::Error& e) {
  const std::string type = e.get_type();
  if (type != "DatabaseCorruptError" && type != "DatabaseError" && type != "DatabaseOpeningError") return false;
  const std::string what = e.get_msg() + " " + (e.get_error_string() ? e.get_error_string() : "");
  return what.find("No space") == std::string::npos && what.find("Disk quota") == std::string::npos;
}

// One run; may_retry: a damaged aside build may be discarded and the run started once more.
RunSummary run_index_attempt(const IndexOptions& options, bool may_retry) {
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

  // The target database is opened (and locked) first, whatever the mode: one writer at a time.
  auto opened = open_for_writing(options.database, language, options.rebuild);
  if (!opened) {
    summary.error = opened.error().message + (opened.error().hint.empty() ? "" : "\nhint: " + opened.error().hint);
    return finish();
  }
  Xapian::WritableDatabase db = std::move(*opened);

  // The run's threads. No std::thread may ever be destroyed joinable (std::terminate:
  // "terminate called without an active exception", exit 134), nor outlive what it uses:
  // from the moment the first thread starts, a guard (join_threads, declared after
  // everything the threads use, so destroyed before it) runs stop_threads() on every way
  // out of that scope - the end, or an exception such as a thread that could not start.
  // An exception inside a thread is caught there and carried to this thread (thread_error),
  // which rethrows it after the joins, so the error mapping below sees it like any other.
  std::vector<std::unique_ptr<ResultQueue>> queues;
  std::atomic<bool> abort{false};
  std::mutex thread_error_mutex;
  std::exception_ptr thread_error;
  auto keep_thread_error = [&](std::exception_ptr e) {
    std::lock_guard lock(thread_error_mutex);
    if (!thread_error) thread_error = std::move(e);
    abort = true;
  };
  std::vector<std::jthread> workers;
  std::vector<std::jthread> writers;
  // Stops the workers (abort), drains every queue so that no worker blocks on a full one
  // (the writers skip what they get once abort is set), then joins everything.
  auto stop_threads = [&] {
    abort = true;
    for (auto& q : queues)
      while (q->pop()) {
      }
    for (auto& w : workers)
      if (w.joinable()) w.join();
    for (auto& w : writers)
      if (w.joinable()) w.join();
  };
  struct JoinOnExit {
    std::function<void()> stop;
    ~JoinOnExit() { stop(); }
  };

  // From the aside build's opening until its merge: an error here that says its files are
  // damaged discards it, and the run starts once more (a crash must not need two reruns).
  bool in_aside_build = false;
  // Without commit: the database stays at its last commit.
  auto close_quietly = [&] {
    try {
      db.close();
    } catch (const Xapian::Error&) {
    }
  };
  auto retry_afresh = [&](const std::string& why) -> std::optional<RunSummary> {
    if (!may_retry || !in_aside_build) return std::nullopt;
    close_quietly();
    std::error_code ec;
    std::filesystem::remove_all(options.database + ".build", ec);
    std::fprintf(stderr, "newsindex: warning: the aside build %s.build was damaged (%s): building it afresh\n",
                 options.database.c_str(), why.c_str());
    return run_index_attempt(options, false);
  };

  try {
    // A crash between an earlier full build's swap and the removal of its aside folder.
    if (ShardSet::remove_leftovers(options.database, db.get_uuid()) && !options.quiet)
      std::fprintf(stderr, "newsindex: removed what an interrupted run's finished build left in %s.build\n",
                   options.database.c_str());
    // Written only where they change: a commit that changes nothing keeps the revision, and
    // with it the champion lists of a rerun that finds nothing to do (champion_builder.hpp;
    // remaking them took 21 of a no-op rerun's 25 s at a million articles).
    const auto set_metadata = [&db](std::string_view key, const std::string& value) {
      if (db.get_metadata(std::string(key)) != value) db.set_metadata(std::string(key), value);
    };
    set_metadata(kMetaSchema, std::to_string(kSchemaVersion));
    set_metadata(kMetaLanguage, language);
    // Word pairs only in a database that has them for every article: one a run starts empty
    // (unless --no-word-pairs); a database of an earlier version has none until --rebuild.
    if (db.get_doccount() == 0) set_metadata(kMetaBigrams, options.word_pairs ? "1" : "");
    db.commit();

    // A full build (empty database, or --rebuild) writes K shards in parallel beside the
    // database and swaps the merged result in; an update writes the database itself.
    const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
    const bool bulk = options.rebuild || (db.get_doccount() == 0 && options.shards != 1);
    const bool word_pairs = bulk ? options.word_pairs : db.get_metadata(std::string(kMetaBigrams)) == "1";
    std::optional<ShardSet> shards;
    if (bulk) {
      auto set = ShardSet::open(options.database, options.shards ? options.shards : cores, options.segment_size,
                                language, word_pairs);
      if (!set) {
        summary.error = set.error().message;
        return finish();
      }
      shards = std::move(*set);
      in_aside_build = true;
      if (!shards->discarded_damaged().empty())
        std::fprintf(stderr, "newsindex: warning: the aside build %s.build was damaged (%s): building it afresh\n",
                     options.database.c_str(), shards->discarded_damaged().c_str());
    }
    const unsigned n_targets = shards ? shards->size() : 1;

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

    // The files to read, as indexes into `files` with what the database knew of each: the
    // run keeps these to its end, so no path is held twice.
    struct Pending {
      std::size_t file;
      std::optional<FileState> previous;
    };
    std::vector<Pending> todo;
    const std::vector<std::uint64_t> seen = sorted_key_hashes(files);
    // A resumed full build finds what its earlier attempt wrote in any segment of the
    // file's lane; a changed file leaves that segment first and is indexed as new, since
    // its lane may have moved on to another segment by the time it is written.
    std::vector<std::pair<unsigned, std::string>> changed_in_build;
    for (std::size_t i = 0; i < files.size(); ++i) {
      const FoundFile& f = files[i];
      std::optional<FileState> prev;
      std::optional<ShardSet::Found> found;
      if (shards) {
        found = shards->find(f.abs_path);
        if (found) prev = found->state;
      } else {
        prev = read_file_state(db, f.abs_path);
      }
      if (prev && prev->size == f.size && prev->mtime_ns == f.mtime_ns) {
        summary.unchanged += prev->documents;
        progress.file_done(0, 0);
        continue;
      }
      if (found) {
        changed_in_build.emplace_back(found->segment, f.abs_path);
        prev.reset();
      }
      todo.push_back({i, std::move(prev)});
    }
    if (shards) shards->remove_files(changed_in_build);

    DuplicateClusters clusters;
    if (!todo.empty()) {
      if (shards)
        shards->read_each_segment([&](unsigned id, const Xapian::Database& segment) { clusters.load(segment, id); });
      else
        clusters.load(db, 0);
    }

    // Workers parse and build; one thread per target database writes.
    ProcessOptions process_options;
    process_options.max_size = options.max_size;
    process_options.language = language;
    process_options.spelling = options.spelling;
    process_options.word_pairs = word_pairs;
    const unsigned n_workers = options.threads ? options.threads : cores;
    for (unsigned i = 0; i < n_targets; ++i) {
      queues.push_back(std::make_unique<ResultQueue>(std::max<std::size_t>(16, 256 / n_targets)));
      queues.back()->set_producers(n_workers);
    }
    std::atomic<std::size_t> next{0};
    constexpr std::size_t kMaxMb = std::numeric_limits<std::size_t>::max() >> 20;
    const MemoryBudget memory(std::min(options.memory_mb, kMaxMb) << 20);
    WriteContext ctx{progress, clusters, options.batch, memory, options.database};
    std::vector<RunSummary> writer_counts(n_targets);
    const JoinOnExit join_threads{stop_threads};
    for (unsigned w = 0; w < n_workers; ++w) {
      try {
        workers.emplace_back([&] {
          try {
            FileProcessor processor(process_options, aliases);
            for (;;) {
              const std::size_t i = next.fetch_add(1);
              if (i >= todo.size() || g_stop_requested.load() || abort.load()) break;
              const FoundFile& file = files[todo[i].file];
              const unsigned target = shards ? shards->shard_of(file.abs_path) : 0;
              queues[target]->push(processor.process(file, todo[i].previous));
            }
            ProcessedFile last;
            last.outcome = ProcessedFile::Outcome::kSpellingOnly;
            last.spelling = processor.take_spelling();
            queues[0]->push(std::move(last));
          } catch (...) {
            keep_thread_error(std::current_exception());
          }
          for (auto& q : queues) q->producer_done();
        });
      } catch (...) {
        // The thread did not start (std::system_error): count it out of every queue, or
        // stop_threads() would wait for it forever.
        for (unsigned missing = w; missing < n_workers; ++missing)
          for (auto& q : queues) q->producer_done();
        throw;
      }
    }

    for (unsigned i = 0; i < n_targets; ++i) {
      const WriterTarget where = shards ? WriterTarget{nullptr, &*shards, i} : WriterTarget{&db, nullptr, 0};
      writers.emplace_back([&, i, where] {
        try {
          writer_counts[i] = write_results(*queues[i], where, ctx, abort);
        } catch (...) {
          keep_thread_error(std::current_exception());
          while (queues[i]->pop()) {  // drain: the workers must not block on a full queue
          }
        }
      });
    }
    for (auto& w : writers) w.join();
    for (auto& w : workers) w.join();
    if (thread_error) std::rethrow_exception(thread_error);
    for (const auto& c : writer_counts) {
      add_counts(summary, c);
      if (!c.error.empty()) throw std::runtime_error(c.error);
    }
    summary.interrupted = g_stop_requested.load();

    // The first article of each cluster that grew in this run gets its collapse key now,
    // and articles of files that are gone leave (a full build resumed after files vanished).
    const std::vector<DuplicateClusters::Backfill> backfills = clusters.take_backfills();
    const bool remove = !summary.interrupted && !options.keep_missing;
    auto finish_database = [&](unsigned target, Xapian::WritableDatabase& target_db) {
      for (const auto& b : backfills) {
        if (b.target != target) continue;
        try {
          Xapian::Document doc = target_db.get_document(b.docid);
          if (b.needs_term)
            mark_duplicate(doc, b.key);
          else
            doc.add_value(kSlotDupKey, hex64(b.key));  // its Q term finds it (near_duplicates.hpp)
          target_db.replace_document(b.docid, doc);
        } catch (const Xapian::DocNotFoundError&) {
          // replaced or removed since: its cluster lives on in the others
        }
      }
      if (remove) summary.removed += remove_missing(target_db, options.paths, seen, walk_problem_paths);
    };
    if (shards) {
      shards->for_each_segment(finish_database);  // commits each
    } else {
      finish_database(0, db);
      db.commit();
    }
    progress.finish();

    if (shards && !summary.interrupted) {
      // The old database stays searchable until the merged one replaces it in one rename.
      summary.segments = shards->segment_count();
      auto merged = shards->merge(!options.quiet && summary.added + summary.updated + summary.unchanged >= kTalksFrom);
      if (!merged) {
        // A segment damaged past its opening (a power cut, no fsync aside) would fail every
        // rerun's merge the same way: the aside build starts afresh instead.
        shards->discard();
        throw AsideBuildDamaged(merged.error().message + "\nhint: the aside build " + options.database +
                                ".build is discarded; run the same command again to build afresh");
      }
      in_aside_build = false;
      db.close();
      auto swapped = shards->swap_into(options.database);
      if (!swapped) throw std::runtime_error(swapped.error().message);
      auto reopened = open_for_writing(options.database, language);
      if (!reopened) throw std::runtime_error(reopened.error().message);
      db = std::move(*reopened);
    } else if (shards) {
      for (unsigned i = 0; i < shards->size(); ++i) {
        if (!summary.interrupted) refresh_champion_lists(shards->shard(i));
        store_cluster_count(shards->shard(i));
        shards->shard(i).commit();
      }
    }
    // The frequent words' champion lists (champion_builder.hpp), not when interrupted: a
    // database changed since its lists is searched without them until the next run.
    if (!summary.interrupted) {
      refresh_champion_lists(db, [&] {
        if (!options.quiet && db.get_doccount() >= kTalksFrom)
          std::fprintf(stderr, "newsindex: listing the best articles of each frequent word\n");
      });
    }
    summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    store_cluster_count(db);
    db.set_metadata(std::string(kMetaLastRun), summary.json());
    db.commit();
    db.close();
  } catch (const Xapian::Error& e) {
    if (is_damage(e))
      if (auto again = retry_afresh(e.get_description())) return *again;
    const Error err = error_from_xapian(e, options.database);
    summary.error = err.message + (err.hint.empty() ? "" : "\nhint: " + err.hint);
    close_quietly();
  } catch (const AsideBuildDamaged& e) {
    const std::string what = e.what();
    if (auto again = retry_afresh(what.substr(0, what.find('\n')))) return *again;
    summary.error = what;
    close_quietly();
  } catch (const std::exception& e) {
    summary.error = e.what();
    close_quietly();
  } catch (...) {
    summary.error = "internal error: an exception of unknown type";
    close_quietly();
  }
  return finish();
}

}  // namespace

RunSummary run_index(const IndexOptions& options) {
  {
    std::error_code ec;
    const auto parent = std::filesystem::absolute(options.database, ec).parent_path();
    g_database = options.database;
    g_database_dir = parent.empty() ? "." : parent.string();
    g_previous_terminate = std::set_terminate(terminate_on_full_disk);
  }
  struct RestoreTerminate {
    ~RestoreTerminate() { std::set_terminate(g_previous_terminate); }
  } restore_terminate;
  return run_index_attempt(options, true);
}

}  // namespace newsearch
