// Faults the programs must survive: kill -9 mid-run, a full disk, searches during indexing,
// files changing under the walk, a database folder that is missing, unwritable, locked or
// corrupt, and hostile queries. Short versions for the unit suite; scripts/torture runs the
// long ones (20 kills over thousands of articles, minutes of churn).
#include <signal.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <xapian.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "helpers.hpp"

using namespace testing;

namespace {

using Clock = std::chrono::steady_clock;

// Articles in nested folders; each has the word "allarticles" so one query counts them all.
void write_articles(const std::string& root, int first, int count, const std::string& tag = "") {
  for (int i = first; i < first + count; ++i)
    write_file(root + "/" + std::to_string(i % 7) + "/n" + std::to_string(i) + ".txt",
               article("Report " + std::to_string(i) + " on harbour cranes" + tag, "Reporter " + std::to_string(i % 5),
                       "10:00, 0" + std::to_string(1 + i % 9) + " March, 2025",
                       "allarticles paragraph about shipping number " + std::to_string(i) + tag +
                           ".\nSecond paragraph with budget and weather words."));
}

std::size_t count_txt(const std::string& root) {
  std::size_t n = 0;
  for (auto& e : fs::recursive_directory_iterator(root))
    if (e.is_regular_file() && e.path().extension() == ".txt") ++n;
  return n;
}

Xapian::doccount doccount(const std::string& db) { return Xapian::Database(db).get_doccount(); }

// Starts a shell command without waiting (the command should exec the program).
pid_t spawn(const std::string& command) {
  const pid_t pid = fork();
  if (pid == 0) {
    execl("/bin/sh", "sh", "-c", command.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  return pid;
}

int wait_status(pid_t pid) {
  int st = 0;
  waitpid(pid, &st, 0);
  return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

// Every regular file under root with its content hash: "nothing else touched".
std::map<std::string, std::string> snapshot(const std::string& root) {
  std::map<std::string, std::string> out;
  if (!fs::exists(root)) return out;
  for (auto& e : fs::recursive_directory_iterator(root))
    if (e.is_regular_file()) out[e.path().string()] = std::to_string(std::hash<std::string>{}(read_file(e.path())));
  return out;
}

bool xapian_check_ok(const std::string& db, std::string* out = nullptr) {
  const Run r = run("xapian-check " + quote(db) + " 2>&1");
  if (out) *out = r.out;
  return r.status == 0;
}

// A filesystem mounted for the test (root only); unmounted at the end.
class Mount {
 public:
  Mount(const std::string& source, const std::string& target, const char* type, unsigned long flags,
        const std::string& data)
      : target_(target) {
    fs::create_directories(target);
    ok_ = ::mount(source.c_str(), target.c_str(), type, flags, data.empty() ? nullptr : data.c_str()) == 0;
  }
  ~Mount() {
    if (ok_) ::umount2(target_.c_str(), MNT_DETACH);
  }
  bool ok() const { return ok_; }

 private:
  std::string target_;
  bool ok_ = false;
};

nlohmann::json last_json_line(const std::string& out) {
  std::string s = out;
  while (!s.empty() && s.back() == '\n') s.pop_back();
  return nlohmann::json::parse(s.substr(s.rfind('\n') == std::string::npos ? 0 : s.rfind('\n') + 1), nullptr, false);
}

}  // namespace

TEST_CASE("reliability: kill -9 of a full build and of an update then rerun converges", "[reliability][crash]") {
  TempDir dir;
  const std::string in = dir / "in", db = dir / "db";
  write_articles(in, 0, 600);
  // Small segments, so that kills hit a full build while it moves from one to the next.
  const std::string cmd = newsindex("-q -j2 --batch 25 --segment-size 40 --db " + db + " " + in);
  // How long a whole run takes, to kill at points spread over it.
  auto t0 = Clock::now();
  REQUIRE(run(cmd).status == 0);
  const auto full_ms = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - t0).count();
  fs::remove_all(db);
  std::mt19937 rng(12345);
  std::uniform_int_distribution<long> when(0, std::max<long>(1, full_ms));

  auto kill_at = [&](long ms) {
    const pid_t pid = spawn("exec " + cmd + " >/dev/null 2>&1");
    std::this_thread::sleep_for(std::chrono::milliseconds(ms));
    ::kill(pid, SIGKILL);
    wait_status(pid);
    if (fs::exists(db)) {
      INFO("killed after " << ms << " ms");
      CHECK_NOTHROW(doccount(db));  // the last commit opens
    }
  };
  SECTION("first build of an empty database (shards aside, then the swap)") {
    for (int k = 0; k < 3; ++k) {
      kill_at(when(rng));
      fs::remove_all(db);  // each kill hits a first build
      fs::remove_all(db + ".build");
    }
    kill_at(when(rng));
    fs::remove_all(db);
    fs::remove_all(db + ".build");
    kill_at(full_ms * 6 / 10);  // and one whose aside build (with finished segments) the rerun takes up
  }
  SECTION("update of an existing database") {
    write_articles(in, 600, 300);
    fs::remove_all(in + "/3");  // some vanish
    REQUIRE(run(newsindex("-q --db " + db + " " + dir / "in/0")).status == 0);
    for (int k = 0; k < 3; ++k) kill_at(when(rng));
  }
  // Files edited and removed before the rerun: a resumed full build finds their old articles
  // in whichever segment holds them.
  write_articles(in, 0, 10, " revised");
  fs::remove_all(in + "/5");
  const Run rerun = run(cmd);
  INFO(rerun.err);
  REQUIRE(rerun.status == 0);
  CHECK(doccount(db) == count_txt(in));
  CHECK(Xapian::Database(db).get_termfreq("Zrevis") == 9);  // n0..n9 but n5, whose folder is gone
  std::string report;
  CHECK(xapian_check_ok(db, &report));
  INFO(report);
  CHECK_FALSE(fs::exists(db + ".build"));
}

TEST_CASE("reliability: a kill in a first run's first milliseconds leaves no database or a whole one",
          "[reliability][crash]") {
  TempDir dir;
  const std::string in = dir / "in", db = dir / "db";
  write_articles(in, 0, 200);
  const std::string cmd = newsindex("-q --db " + db + " " + in);
  // Xapian creates a database's tables before its version file: a kill in between left a
  // folder that neither opened nor could be created again ("Failed to open glass revision
  // file"), and every rerun failed. 30 kills spread over the first 15 ms.
  for (int k = 0; k < 30; ++k) {
    fs::remove_all(db);
    const pid_t pid = spawn("exec " + cmd + " >/dev/null 2>&1");
    std::this_thread::sleep_for(std::chrono::microseconds(500 * k));
    ::kill(pid, SIGKILL);
    wait_status(pid);
    if (fs::exists(db)) {
      INFO("killed after " << k * 0.5 << " ms");
      CHECK_NOTHROW(doccount(db));
    }
  }
  // What such a kill left before: Xapian's first files and no version file.
  fs::remove_all(db);
  fs::create_directories(db);
  for (const char* name : {"flintlock", "postlist.glass", "termlist.glass", "v.tmp"}) write_file(db + "/" + name, "");
  const Run rerun = run(cmd);
  INFO(rerun.err);
  CHECK(rerun.status == 0);
  CHECK(doccount(db) == 200u);
}

TEST_CASE("reliability: an aside build a crash damaged is built afresh by the same rerun, which says so",
          "[reliability][crash]") {
  TempDir dir;
  const std::string in = dir / "in", db = dir / "db";
  write_articles(in, 0, 3000);
  const std::string cmd = newsindex("-q -j1 --shards 2 --batch 50 --segment-size 200 --db " + db + " " + in);
  // Killed once a segment is finished (the next one exists), as a crash would.
  const pid_t pid = spawn("exec " + cmd + " >/dev/null 2>&1");
  const std::string second = db + ".build/shard-0/seg-0001";
  for (int i = 0; i < 3000 && !fs::exists(second); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(2));
  ::kill(pid, SIGKILL);
  wait_status(pid);
  const std::string positions = db + ".build/shard-0/seg-0000/position.glass";
  if (!fs::exists(second) || !fs::exists(positions)) {
    WARN("skipped: the build ended before a segment was finished");
    return;
  }
  // Cut short a table that only the merge reads. Whether the rerun finds the damage when it
  // opens the segment or only at the merge depends on where the cut falls (on the table's
  // root block, or past it): either way it says so and builds afresh.
  fs::resize_file(positions, fs::file_size(positions) / 2);
  const Run rerun = run(cmd);
  INFO(rerun.err);
  CHECK(rerun.status == 0);
  CHECK(rerun.err.find("building it afresh") != std::string::npos);
  CHECK(doccount(db) == 3000u);
  CHECK(xapian_check_ok(db));
  CHECK_FALSE(fs::exists(db + ".build"));
}

TEST_CASE("reliability: a crash between a full build's swap and the removal of its aside folder is tidied by the rerun",
          "[reliability][crash]") {
  TempDir dir;
  const std::string in = dir / "in", db = dir / "db";
  write_articles(in, 0, 40);
  const std::string cmd = newsindex("-q -j2 --db " + db + " " + in);
  REQUIRE(run(cmd).status == 0);
  const std::string uuid = Xapian::Database(db).get_uuid();
  // What a kill in that window leaves: the aside folder, its marker naming the database now
  // in place (swapped), or the folder renamed for removal and half removed.
  write_file(db + ".build/swapped-in", uuid + "\n");
  write_file(db + ".build/shards", "2 lanes of segments, word pairs\n");
  write_file(db + ".build/shard-0/seg-0000/postlist.glass", "old segment");
  write_file(db + ".build-removed/shard-1/seg-0000/postlist.glass", "half removed");
  write_articles(in, 40, 5);
  Run rerun = run(cmd);
  INFO(rerun.err);
  CHECK(rerun.status == 0);
  CHECK(doccount(db) == 45u);
  CHECK_FALSE(fs::exists(db + ".build"));
  CHECK_FALSE(fs::exists(db + ".build-removed"));

  // An aside folder whose marker names another database is an unfinished build: kept, for
  // a rerun with --rebuild to resume.
  write_file(db + ".build/swapped-in", "00000000-0000-0000-0000-000000000000\n");
  rerun = run(cmd);
  CHECK(rerun.status == 0);
  CHECK(fs::exists(db + ".build/swapped-in"));
}

TEST_CASE("reliability: a full disk gives a clear error the last commit survives and a rerun completes",
          "[reliability][disk]") {
  TempDir dir;
  const std::string in = dir / "in", mnt = dir / "small", db = dir / "small/db";
  write_articles(in, 0, 40);
  Mount tmpfs("tmpfs", mnt, "tmpfs", 0, "size=3m");
  if (!tmpfs.ok()) {
    WARN("cannot mount a tmpfs (not root?): full-disk test skipped");
    return;
  }
  REQUIRE(run(newsindex("-q --db " + db + " " + in)).status == 0);
  REQUIRE(doccount(db) == 40u);
  // Fill the rest of the disk but a little, then index far more than fits.
  run("dd if=/dev/zero of=" + quote(mnt + "/filler") + " bs=64k 2>/dev/null");
  run("rm -f " + quote(mnt + "/filler") + "; dd if=/dev/zero of=" + quote(mnt + "/filler") +
      " bs=64k count=$(( $(df --output=avail -k " + quote(mnt) + " | tail -1) / 64 - 4 )) 2>/dev/null");
  write_articles(in, 40, 400, " with extra words to fill the disk faster");
  const Run full = run(newsindex("-q --batch 50 --db " + db + " " + in));
  INFO(full.err);
  CHECK(full.status == 2);
  CHECK(full.err.find("newsindex: error:") != std::string::npos);
  CHECK(full.err.find("disk full") != std::string::npos);
  // The database is at a commit: it opens, is consistent, and has the first 40 (or more).
  CHECK(doccount(db) >= 40u);
  std::string report;
  CHECK(xapian_check_ok(db, &report));
  INFO(report);
  CHECK(run(newsearch("--db " + db + " allarticles")).status == 0);
  // Space again: the rerun completes.
  fs::remove(mnt + "/filler");
  REQUIRE(::mount("tmpfs", mnt.c_str(), "tmpfs", MS_REMOUNT, "size=64m") == 0);
  const Run rerun = run(newsindex("-q --db " + db + " " + in));
  INFO(rerun.err);
  CHECK(rerun.status == 0);
  CHECK(doccount(db) == count_txt(in));
  CHECK(xapian_check_ok(db));
}

// libxapian 1.4.22 calls std::terminate inside WritableDatabase::commit() when the disk fills
// at some points of a commit (exit 134, "terminate called without an active exception"): more
// than half of these runs did, pinned to one core. newsindex now reports it as a full disk
// (index_run.cpp, terminate_on_full_disk); the second run checks one writer at a size that
// always hit it.
TEST_CASE("reliability: a full disk during a first build (shards aside) leaves the database usable",
          "[reliability][disk]") {
  TempDir dir;
  const std::string in = dir / "in", mnt = dir / "small", db = dir / "small/db";
  write_articles(in, 0, 400, " with extra words to fill the disk faster");
  Mount tmpfs("tmpfs", mnt, "tmpfs", 0, "size=1m");
  if (!tmpfs.ok()) {
    WARN("cannot mount a tmpfs (not root?): full-disk test skipped");
    return;
  }
  const Run full = run(newsindex("-q --db " + db + " " + in));
  INFO(full.err);
  CHECK(full.status == 2);
  CHECK(full.err.find("disk full") != std::string::npos);
  if (fs::exists(db)) CHECK_NOTHROW(doccount(db));
  REQUIRE(::mount("tmpfs", mnt.c_str(), "tmpfs", MS_REMOUNT, "size=64m") == 0);
  const Run rerun = run(newsindex("-q --db " + db + " " + in));
  INFO(rerun.err);
  CHECK(rerun.status == 0);
  CHECK(doccount(db) == count_txt(in));

  // One writer, the disk filling at every point of the run in turn (a new tmpfs each 16 KiB
  // larger): Xapian's terminate points are fixed sizes, so a sweep meets them every time.
  int filled = 0, fitted = 0;
  for (int kb = 640; kb <= 1600; kb += 16) {
    INFO(kb << " KiB");
    const std::string sweep = dir / ("sweep" + std::to_string(kb)), sdb = sweep + "/db";
    Mount small("tmpfs", sweep, "tmpfs", 0, "size=" + std::to_string(kb) + "k");
    REQUIRE(small.ok());
    // Without leak detection under ASan: at some disk-full points (which depend on timing)
    // libxapian 1.4.22 itself leaks ~1 KB it allocated (an object of 112 bytes and its
    // string; seen once at 656 KiB on 7 December, not reproduced alone). The process exits
    // right after; what this test checks is the exit code and the database.
    const Run r = run("ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 taskset -c 0 " +
                      newsindex("-q --shards 1 --db " + sdb + " " + in));
    INFO(r.err);
    REQUIRE((r.status == 2 || r.status == 0));
    if (r.status == 2) {
      ++filled;
      CHECK(r.err.find("disk full") != std::string::npos);
      if (fs::exists(sdb)) CHECK(xapian_check_ok(sdb));
    } else {
      ++fitted;
      CHECK(doccount(sdb) == count_txt(in));
    }
  }
  CHECK(filled > 0);
  CHECK(fitted > 0);
}

TEST_CASE("reliability: file size limit (RLIMIT_FSIZE) gives a clear error not a crash", "[reliability][disk]") {
  TempDir dir;
  const std::string in = dir / "in", db = dir / "db";
  write_articles(in, 0, 300, " with extra words to make the tables grow");
  // SIGXFSZ ignored (as a shell trap, inherited through exec): writes fail with EFBIG.
  const Run limited = run("trap '' XFSZ; prlimit --fsize=65536 " + newsindex("-q --shards 1 --db " + db + " " + in));
  INFO(limited.err);
  CHECK(limited.status == 2);
  CHECK(limited.err.find("newsindex: error:") != std::string::npos);
  CHECK(limited.err.find("size limit") != std::string::npos);
  if (fs::exists(db)) CHECK_NOTHROW(doccount(db));
  const Run rerun = run(newsindex("-q --db " + db + " " + in));
  INFO(rerun.err);
  CHECK(rerun.status == 0);
  CHECK(doccount(db) == 300u);
}

TEST_CASE("reliability: searches during indexing commits and the swap never fail and see only commits",
          "[reliability][concurrency]") {
  TempDir dir;
  const std::string in = dir / "in", db = dir / "db";
  constexpr int kFirst = 300, kMore = 200, kBatch = 20;
  write_articles(in, 0, kFirst);
  std::atomic<bool> stop{false};
  std::vector<std::pair<int, long>> seen;  // (exit status, total)
  std::string failures;
  std::thread searcher([&] {
    while (!stop) {
      const Run r = run(newsearch("--json --facets --no-collapse --db " + db + " allarticles"));
      const auto j = nlohmann::json::parse(r.out, nullptr, false);
      const long total = j.is_object() && j.contains("total") ? j["total"].get<long>() : -1;
      seen.emplace_back(r.status, total);
      if (r.status != 0 && r.status != 1) failures += r.err;
    }
  });
  // A first build (shards, merge, swap), then an update in small batches.
  const Run first = run(newsindex("-q --db " + db + " " + in));
  write_articles(in, kFirst, kMore);
  const Run update = run(newsindex("-q --batch " + std::to_string(kBatch) + " --db " + db + " " + in));
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  stop = true;
  searcher.join();
  REQUIRE(first.status == 0);
  REQUIRE(update.status == 0);
  INFO(failures);
  std::size_t opened = 0;
  for (auto [status, total] : seen) {
    INFO("status " << status << " total " << total);
    // Exit 2 only before the database exists at all.
    if (status == 2) {
      CHECK(opened == 0);
      continue;
    }
    ++opened;
    // Committed states only: empty, the whole first build, or the first build plus whole batches.
    const bool ok = total == 0 || total == kFirst ||
                    (total > kFirst && total <= kFirst + kMore && ((total - kFirst) % kBatch == 0 || total == kFirst + kMore));
    CHECK(ok);
  }
  CHECK(opened > 0);
  CHECK(doccount(db) == kFirst + kMore);
}

TEST_CASE("reliability: files changing vanishing and appearing during the walk then a rerun converges",
          "[reliability][churn]") {
  TempDir dir;
  const std::string in = dir / "in", db = dir / "db";
  write_articles(in, 0, 300);
  std::atomic<bool> stop{false};
  std::thread churn([&] {
    std::mt19937 rng(7);
    int next = 1000;
    while (!stop) {
      const int i = static_cast<int>(rng() % 300);
      const std::string victim = in + "/" + std::to_string(i % 7) + "/n" + std::to_string(i) + ".txt";
      switch (rng() % 4) {
        case 0: fs::remove(victim); break;
        case 1: write_articles(in, next++, 1); break;
        case 2: write_articles(in, i, 1, " edited"); break;
        default: {
          // Truncated mid-write: half the article, cut inside a multi-byte character.
          std::string text = article("Half written", "A B", "2025-03-01", "Caf\xC3\xA9 \xE2\x80\x94 text text text");
          write_file(victim, text.substr(0, text.size() - 12));
        }
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
  });
  for (int k = 0; k < 3; ++k) {
    const Run r = run(newsindex("-q --batch 30 --db " + db + " " + in));
    INFO(r.err);
    CHECK((r.status == 0 || r.status == 1));
  }
  stop = true;
  churn.join();
  const Run settle = run(newsindex("-q --db " + db + " " + in));
  INFO(settle.err);
  CHECK((settle.status == 0 || settle.status == 1));
  CHECK(doccount(db) == count_txt(in));
  const auto again = last_json_line(run(newsindex("-q --db " + db + " " + in)).out);
  CHECK(again["added"] == 0);
  CHECK(again["updated"] == 0);
  CHECK(again["removed"] == 0);
  CHECK(xapian_check_ok(db));
}

TEST_CASE("reliability: database folder missing or a file says so exits 2 and touches nothing",
          "[reliability][database]") {
  TempDir dir;
  write_articles(dir / "in", 0, 5);
  const auto before_in = snapshot(dir / "in");

  const Run missing = run(newsearch("--db " + dir / "nowhere" + " allarticles"));
  CHECK(missing.status == 2);
  CHECK(missing.err.find("newsearch: error:") != std::string::npos);
  CHECK_FALSE(fs::exists(dir / "nowhere"));

  write_file(dir / "file", "not a database\n");
  const Run idx_file = run(newsindex("-q --db " + dir / "file" + " " + dir / "in"));
  INFO(idx_file.err);
  CHECK(idx_file.status == 2);
  CHECK(idx_file.err.find("newsindex: error:") != std::string::npos);
  CHECK(read_file(dir / "file") == "not a database\n");
  CHECK_FALSE(fs::exists(dir / "file.build"));
  const Run search_file = run(newsearch("--db " + dir / "file" + " allarticles"));
  CHECK(search_file.status == 2);
  CHECK(search_file.err.find("newsearch: error:") != std::string::npos);

  // A file where a parent folder is expected.
  const Run idx_under_file = run(newsindex("-q --db " + dir / "file/db" + " " + dir / "in"));
  CHECK(idx_under_file.status == 2);
  CHECK(idx_under_file.err.find("newsindex: error:") != std::string::npos);
  CHECK(read_file(dir / "file") == "not a database\n");
  CHECK(snapshot(dir / "in") == before_in);
}

TEST_CASE("reliability: a read-only database folder says so exits 2 and touches nothing",
          "[reliability][database]") {
  TempDir dir;
  write_articles(dir / "in", 0, 5);
  REQUIRE(run(newsindex("-q --db " + dir / "db" + " " + dir / "in")).status == 0);
  write_articles(dir / "in", 5, 5);
  const auto before = snapshot(dir / "db");
  {
    // Root ignores permission bits: a read-only bind mount makes the folder truly unwritable.
    Mount ro(dir / "db", dir / "db", nullptr, MS_BIND, "");
    if (!ro.ok()) {
      WARN("cannot bind-mount (not root?): read-only test skipped");
      return;
    }
    REQUIRE(::mount(nullptr, (dir / "db").c_str(), nullptr, MS_REMOUNT | MS_BIND | MS_RDONLY, nullptr) == 0);
    const Run r = run(newsindex("-q --db " + dir / "db" + " " + dir / "in"));
    INFO(r.err);
    CHECK(r.status == 2);
    CHECK(r.err.find("not writable") != std::string::npos);
    CHECK(run(newsearch("--db " + dir / "db" + " allarticles")).status == 0);  // reading still works
  }
  CHECK(snapshot(dir / "db") == before);
  CHECK_FALSE(fs::exists(dir / "db.build"));
}

TEST_CASE("reliability: a locked database says so exits 2 at once and touches nothing", "[reliability][database]") {
  TempDir dir;
  write_articles(dir / "in", 0, 5);
  REQUIRE(run(newsindex("-q --db " + dir / "db" + " " + dir / "in")).status == 0);
  write_articles(dir / "in", 5, 5);
  Xapian::WritableDatabase holder(dir / "db", Xapian::DB_OPEN);
  const auto before = snapshot(dir / "db");
  const auto t0 = Clock::now();
  const Run r = run(newsindex("-q --rebuild --db " + dir / "db" + " " + dir / "in"));
  CHECK(Clock::now() - t0 < std::chrono::seconds(20));
  INFO(r.err);
  CHECK(r.status == 2);
  CHECK(r.err.find("locked") != std::string::npos);
  CHECK(r.err.find("hint:") != std::string::npos);
  CHECK(snapshot(dir / "db") == before);
  CHECK_FALSE(fs::exists(dir / "db.build"));
  CHECK(run(newsearch("--db " + dir / "db" + " allarticles")).status == 0);  // searches go on
}

TEST_CASE("reliability: a corrupt database (truncated table) says so and exits 2",
          "[reliability][database]") {
  TempDir dir;
  write_articles(dir / "in", 0, 200);
  REQUIRE(run(newsindex("-q --db " + dir / "db" + " " + dir / "in")).status == 0);
  write_articles(dir / "in", 200, 5);
  fs::copy(dir / "db", dir / "good", fs::copy_options::recursive);
  const auto before_in = snapshot(dir / "in");
  for (const char* table : {"postlist.glass", "docdata.glass", "termlist.glass"}) {
    const std::string path = dir / (std::string("db/") + table);
    INFO(table);
    REQUIRE(fs::exists(path));
    fs::resize_file(path, fs::file_size(path) / 2);
    const Run idx = run(newsindex("-q --db " + dir / "db" + " " + dir / "in"));
    INFO(idx.err);
    CHECK(idx.status == 2);
    CHECK(idx.err.find("corrupt") != std::string::npos);
    CHECK(idx.err.find("hint:") != std::string::npos);
    // Known limit (docs/reliability.md): newsindex may write new blocks into the database
    // before it reaches the damaged one, so only the articles are sure to be untouched.
    CHECK(snapshot(dir / "in") == before_in);
    CHECK_FALSE(fs::exists(dir / "db.build"));
    // A search that reads the damaged part fails with the same message; one that does not
    // may still answer.
    const Run s = run(newsearch("--json --facets --no-collapse --db " + dir / "db" + " allarticles"));
    INFO(s.err);
    CHECK(s.status <= 2);  // not a signal
    if (s.status == 2) CHECK(s.err.find("corrupt") != std::string::npos);
    fs::remove_all(dir / "db");
    fs::copy(dir / "good", dir / "db", fs::copy_options::recursive);
  }
  CHECK(run(newsearch("--db " + dir / "db" + " allarticles")).status == 0);
}

TEST_CASE("reliability: hostile queries get an error or bounded results in bounded time and memory",
          "[reliability][query]") {
  TempDir dir;
  write_articles(dir / "in", 0, 200);
  REQUIRE(run(newsindex("-q --db " + dir / "db" + " " + dir / "in")).status == 0);
  std::vector<std::pair<std::string, std::string>> queries;  // (name, argument list)
  queries.emplace_back("100 KB query", quote(std::string(100 * 1024, 'a')));
  std::string many_or = "allarticles";
  for (int i = 0; i < 10000; ++i) many_or += " OR w" + std::to_string(i);
  queries.emplace_back("10000 ORs (beyond the argv limit of one string: as words)", many_or);
  queries.emplace_back("deep parentheses", quote(std::string(50000, '(') + "allarticles" + std::string(50000, ')')));
  queries.emplace_back("open parentheses", quote(std::string(60000, '(') + "allarticles"));
  queries.emplace_back("star alone", quote("*"));
  queries.emplace_back("stars", quote("* * * a* b* c* d* e* f* g* h* s* r* p* t*"));
  queries.emplace_back("invalid UTF-8", quote("caf\xC3 \xFF\xFE allarticles \xED\xA0\x80"));
  queries.emplace_back("quotes", quote(std::string(20000, '"')));
  queries.emplace_back("NEAR chain", quote("allarticles NEAR/100000 shipping NEAR/1 budget ADJ/99999 weather"));
  queries.emplace_back("huge offset", "--offset 18446744073709551615 allarticles");
  queries.emplace_back("offset past 2^32", "--offset 4294967296 allarticles");
  queries.emplace_back("huge offset recent", "--sort recent --offset 4294967295 allarticles");
  queries.emplace_back("huge limit", "--limit 10000 --facets --timeline allarticles");
  queries.emplace_back("date far away", quote("date:9999-12-31..0000-01-01"));
  queries.emplace_back("wildcard fields", quote("title:* author:* person:* tag:* url:*"));
  for (const auto& [name, args] : queries) {
    INFO(name);
    const auto t0 = Clock::now();
    const Run r = run("timeout 60 " + newsearch("--json --db " + dir / "db" + " " + args));
    const auto seconds = std::chrono::duration<double>(Clock::now() - t0).count();
    INFO(r.err.substr(0, 2000));
    CHECK(r.status != 124);  // not stopped by timeout
    CHECK(r.status <= 2);    // an answer or an error, never a crash
    CHECK(seconds < 30);
    if (r.status <= 1) {
      const auto j = nlohmann::json::parse(r.out, nullptr, false);
      REQUIRE(j.is_object());
      CHECK(j["results"].size() <= 10000);
    } else {
      CHECK(r.err.find("newsearch: error:") != std::string::npos);
    }
  }
  // An offset past 2^32 does not wrap round to the first page.
  for (const char* offset : {"4294967296", "4294967306", "18446744073709551615"}) {
    INFO(offset);
    const Run r = run(newsearch(std::string("--json --no-collapse --offset ") + offset + " --db " + dir / "db" + " allarticles"));
    const auto j = nlohmann::json::parse(r.out, nullptr, false);
    REQUIRE(j.is_object());
    CHECK(j["results"].empty());
  }
  // Peak memory of any of those runs (the largest child so far).
  rusage usage{};
  getrusage(RUSAGE_CHILDREN, &usage);
  CHECK(usage.ru_maxrss < 1024 * 1024);  // KiB: under 1 GiB even with sanitizers
}
