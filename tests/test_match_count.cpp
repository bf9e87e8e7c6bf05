// A query's matches counted apart from its page (match_count.hpp): on a worker thread with a
// second handle, the numbers the calling thread counts; collapsed and not; a query that
// cannot be copied to the thread is counted where it is asked for, and so is one the thread
// has not started when it is asked for.
#include <xapian.h>

#include <catch2/catch.hpp>
#include <atomic>
#include <chrono>
#include <future>
#include <memory>

#include "common/schema.hpp"
#include "helpers.hpp"
#include "searcher/docid_filter.hpp"
#include "searcher/match_count.hpp"

using newsearch::count_matches;
using newsearch::MatchCount;
using newsearch::PendingCount;
using namespace testing;

namespace {

void check_same(const MatchCount& a, const MatchCount& b) {
  CHECK(a.lower == b.lower);
  CHECK(a.estimated == b.estimated);
  CHECK(a.upper == b.upper);
  CHECK(a.uncollapsed == b.uncollapsed);
}

}  // namespace

TEST_CASE("match count: on a second thread, the calling thread's numbers", "[search]") {
  TempDir dir;
  const std::string path = dir / "db";
  {
    // 300 documents; the multiples of 15 are in two duplicate clusters (odd and even).
    Xapian::WritableDatabase w(path, Xapian::DB_CREATE);
    for (int i = 1; i <= 300; ++i) {
      Xapian::Document doc;
      doc.add_term("Zall");
      if (i % 3 == 0) doc.add_term("Zthird");
      if (i % 5 == 0) doc.add_term("Zfifth");
      if (i % 15 == 0) doc.add_value(newsearch::kSlotDupKey, i % 2 ? "odd" : "even");
      w.add_document(doc);
    }
    w.commit();
  }
  Xapian::Database db(path), second(path);
  newsearch::WorkerThread thread;
  const Xapian::Query both(Xapian::Query::OP_AND, Xapian::Query("Zthird"), Xapian::Query("Zfifth"));
  const Xapian::Query thirds(Xapian::Query::OP_AND, Xapian::Query("Zall"), Xapian::Query("Zthird"));
  CHECK(count_matches(db, both, Xapian::BAD_VALUENO, 300).lower == 20);
  CHECK(count_matches(db, both, newsearch::kSlotDupKey, 300).lower == 2);
  CHECK(count_matches(db, thirds, newsearch::kSlotDupKey, 300).lower == 82);  // 80 alone and 2 clusters
  for (const Xapian::Query& query : {both, thirds})
    for (Xapian::valueno slot : {Xapian::BAD_VALUENO, Xapian::valueno{newsearch::kSlotDupKey}}) {
      INFO(query.get_description() << " slot " << slot);
      PendingCount pending(db, query, slot, 300, &thread, &second);
      const MatchCount counted = pending.get();
      check_same(counted, count_matches(db, query, slot, 300));
      check_same(pending.get(), counted);  // asked again: the same, not counted again
      // Without a thread: counted when asked for.
      PendingCount here(db, query, slot, 300);
      check_same(here.get(), counted);
    }
  // A posting source of ours cannot be serialised for the thread: counted on this one.
  const Xapian::Query some(Xapian::Query::OP_FILTER, thirds,
                           Xapian::Query((new newsearch::DocidFilter({3, 15, 30, 31}, {db.get_uuid()}))->release()));
  PendingCount pending(db, some, newsearch::kSlotDupKey, 300, &thread, &second);
  CHECK(pending.get().lower == 3);  // 3, and 15 and 30 in their two clusters (31 is no third)
}

// The thread busy with other work (as when another process has its core): the count is
// made by the thread that asks for it, which does not wait for the other, and the thread
// later skips its task.
TEST_CASE("match count: a count its thread has not started is made where it is asked for", "[search]") {
  TempDir dir;
  const std::string path = dir / "db";
  {
    Xapian::WritableDatabase w(path, Xapian::DB_CREATE);
    for (int i = 1; i <= 60; ++i) {
      Xapian::Document doc;
      doc.add_term(i % 4 == 0 ? "Zfourth" : "Zother");
      w.add_document(doc);
    }
    w.commit();
  }
  Xapian::Database db(path), second(path);
  newsearch::WorkerThread thread;
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  // Holds the thread until released, or 20 s at most (so that a get() waiting for the
  // thread shows as a failure, not a hang).
  auto busy_over = std::make_shared<std::atomic<bool>>(false);
  std::future<void> busy = thread.run([released, busy_over] {
    released.wait_for(std::chrono::seconds(20));
    *busy_over = true;
  });
  bool waited_for_thread = false;
  {
    PendingCount pending(db, Xapian::Query("Zfourth"), Xapian::BAD_VALUENO, 60, &thread, &second);
    const MatchCount counted = pending.get();
    waited_for_thread = *busy_over;
    CHECK(counted.lower == 15);
    check_same(pending.get(), counted);
  }  // and its destructor does not wait for the thread either
  CHECK_FALSE(*busy_over);
  release.set_value();
  CHECK_FALSE(waited_for_thread);
  busy.get();
  // The thread is free again: the next count is made there, the same.
  PendingCount next(db, Xapian::Query("Zfourth"), Xapian::BAD_VALUENO, 60, &thread, &second);
  CHECK(next.get().lower == 15);
}
