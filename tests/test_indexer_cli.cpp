// newsindex as a user runs it: real files, the real binary, the database opened with Xapian.
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <xapian.h>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <map>
#include <set>
#include <thread>

#include "common/champion_lists.hpp"
#include "common/cluster_count.hpp"
#include "common/schema.hpp"
#include "helpers.hpp"

using namespace testing;

namespace {

nlohmann::json summary_of(const Run& r) {
  // The machine-readable summary is the last line of stdout.
  std::string out = r.out;
  while (!out.empty() && out.back() == '\n') out.pop_back();
  return nlohmann::json::parse(out.substr(out.rfind('\n') == std::string::npos ? 0 : out.rfind('\n') + 1));
}

void write_sample(const TempDir& dir) {
  write_file(dir / "news/a.txt", article("Central bank holds interest rates", "Anna Berg", "10:00, 05 March, 2025",
                                         "The central bank kept its interest rate unchanged on Wednesday.\n"
                                         "Governor Christine Lagarde said inflation was easing.",
                                         "Christine Lagarde"));
  write_file(dir / "news/sub/b.txt", article("Ceasefire talks resume", "Piet de Vries and Anna Berg",
                                             "2025-03-07T08:30:00+01:00",
                                             "Negotiators met in Geneva. Mark Rutte said talks were useful."));
  write_file(dir / "news/feed.jsonl",
             R"({"title":"Floods in Valencia","authors":["Sofia Marin"],"date":"2024-10-30","body":"Heavy rain hit Valencia.\nPedro Sánchez visited the region.","tags":["Spain"],"url":"https://example.org/floods"})"
             "\n"
             R"({"title":"Chip export rules","author":"Li Wei","date":"2025-01-15","text":"New rules on chip exports were announced."})"
             "\n");
  write_file(dir / "news/.hidden/x.txt", article("Hidden", "X Y", "2025-01-01", "Never indexed."));
  write_file(dir / "news/notes.md", "not an article");
}

std::set<std::string> terms_with_prefix(const Xapian::Database& db, const std::string& prefix) {
  std::set<std::string> out;
  for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t) out.insert(*t);
  return out;
}

}  // namespace

TEST_CASE("newsindex indexes one document per article with field terms", "[indexer][cli]") {
  TempDir dir;
  write_sample(dir);
  const Run r = run(newsindex("-q --db " + dir / "db" + " " + dir / "news"));
  INFO(r.err);
  REQUIRE(r.status == 0);
  const auto s = summary_of(r);
  CHECK(s["added"] == 4);
  CHECK(s["skipped"] == 0);
  CHECK(s["files"] == 3);

  Xapian::Database db(dir / "db");
  CHECK(db.get_doccount() == 4);
  CHECK(db.get_termfreq("XAanna berg") == 2);      // boolean author term
  CHECK(db.get_termfreq("Aberg") == 2);            // author words
  CHECK(db.get_termfreq("ZSceasefir") == 1);       // stemmed title term (positions)
  CHECK(db.get_termfreq("D20250305") == 1);
  CHECK(db.get_termfreq("M202503") == 2);
  CHECK(db.get_termfreq("Y2024") == 1);
  CHECK(db.get_termfreq("Kchristine lagarde") == 1);
  CHECK(db.get_termfreq("Kspain") == 1);
  CHECK(db.get_termfreq("Len") == 4);
  CHECK(db.get_termfreq("Uhttps://example.org/floods") == 1);
  CHECK(db.get_termfreq("Zsanchez") == 1);  // accent folded in stemmed terms
  CHECK(db.get_termfreq("Zhidden") == 0);
  CHECK(terms_with_prefix(db, "Q").size() == 4);
  const Xapian::docid with_interest = *db.postlist_begin("Zinterest");
  CHECK(db.positionlist_begin(with_interest, "Zinterest") != db.positionlist_end(with_interest, "Zinterest"));
  CHECK(db.get_metadata("newsearch.schema") == "2");
  CHECK(db.get_metadata("newsearch.language") == "english");
}

TEST_CASE("a rerun is a no-op - an edit replaces - a deletion removes", "[indexer][cli]") {
  TempDir dir;
  write_sample(dir);
  const std::string cmd = newsindex("-q --db " + dir / "db" + " " + dir / "news");
  REQUIRE(run(cmd).status == 0);
  Xapian::docid last;
  {
    Xapian::Database db(dir / "db");
    last = db.get_lastdocid();
  }

  auto again = summary_of(run(cmd));
  CHECK(again["added"] == 0);
  CHECK(again["updated"] == 0);
  CHECK(again["unchanged"] == 4);
  CHECK(Xapian::Database(dir / "db").get_lastdocid() == last);

  // Same content, new mtime: read and hashed, but not rewritten.
  ::utimensat(AT_FDCWD, (dir / "news/a.txt").c_str(), nullptr, 0);
  auto touched = summary_of(run(cmd));
  CHECK(touched["updated"] == 0);
  CHECK(Xapian::Database(dir / "db").get_lastdocid() == last);

  write_file(dir / "news/a.txt", article("Central bank cuts rates", "Anna Berg", "2025-03-06", "A surprise cut."));
  auto edited = summary_of(run(cmd));
  CHECK(edited["updated"] == 1);
  {
    Xapian::Database db(dir / "db");
    CHECK(db.get_doccount() == 4);
    CHECK(db.get_termfreq("Zsurpris") == 1);
    CHECK(db.get_termfreq("Zlagard") == 0);
  }

  fs::remove(dir / "news/sub/b.txt");
  auto removed = summary_of(run(cmd));
  CHECK(removed["removed"] == 1);
  CHECK(Xapian::Database(dir / "db").get_doccount() == 3);

  fs::remove(dir / "news/feed.jsonl");
  auto kept = summary_of(run(newsindex("-q --keep-missing --db " + dir / "db" + " " + dir / "news")));
  CHECK(kept["removed"] == 0);
  CHECK(Xapian::Database(dir / "db").get_doccount() == 3);
}

TEST_CASE("bad input: a clear warning the rest indexed exit 1", "[indexer][cli]") {
  TempDir dir;
  write_file(dir / "in/good.txt", article("Good", "A B", "2025-01-01", "Fine text."));
  write_file(dir / "in/empty.txt", "");
  write_file(dir / "in/blank.txt", "  \n\n");
  write_file(dir / "in/binary.txt", std::string("PK\x03\x04\0\0\x01\x02", 8) + "zip data");
  write_file(dir / "in/big.txt", article("Big", "A B", "2025-01-01", std::string(4000, 'x') + "."));
  write_file(dir / "in/latin1.txt", article("Caf\xE9 opens", "A B", "2025-01-01", "Cr\xE8me br\xFBl\xE9\x65."));
  write_file(dir / "in/baddate.txt", article("Odd date", "A B", "sometime in 2025", "Text."));
  write_file(dir / "in/feed.jsonl", "{\"title\":\"Ok\",\"body\":\"x\"}\n{broken\n{\"title\":\"Ok2\",\"body\":\"y\"}\n");
  const Run r = run(newsindex("--max-size 0.003 --db " + dir / "db" + " " + dir / "in"));
  CHECK(r.status == 1);
  const auto s = summary_of(r);
  CHECK(s["added"] == 5);  // good, latin1 (repaired), baddate, two JSONL lines
  CHECK(s["skipped"] == 5);
  CHECK(s["skipped_by_reason"]["empty file"] == 2);
  CHECK(s["skipped_by_reason"]["binary file"] == 1);
  CHECK(s["skipped_by_reason"]["larger than --max-size"] == 1);
  CHECK(s["skipped_by_reason"]["invalid JSON Lines line"] == 1);
  CHECK(r.err.find(dir / "in/binary.txt: binary file") != std::string::npos);
  CHECK(r.err.find(dir / "in/feed.jsonl:2: invalid JSON Lines line") != std::string::npos);
  CHECK(r.err.find(dir / "in/latin1.txt: invalid UTF-8 repaired") != std::string::npos);
  CHECK(r.err.find(dir / "in/baddate.txt: unparseable date") != std::string::npos);
  Xapian::Database db(dir / "db");
  CHECK(db.get_doccount() == 5);
}

TEST_CASE("the run cannot proceed: exit 2 and nothing written", "[indexer][cli]") {
  TempDir dir;
  write_file(dir / "in/a.txt", article("A", "A B", "2025-01-01", "Text."));
  Run missing = run(newsindex("-q --db " + dir / "db" + " " + dir / "nowhere"));
  CHECK(missing.status == 2);
  CHECK(missing.err.find("does not exist") != std::string::npos);
  CHECK_FALSE(fs::exists(dir / "db"));
  CHECK(run(newsindex("--bogus-option x")).status == 2);
  CHECK(run(newsindex("-q --language klingon --db " + dir / "db" + " " + dir / "in")).status == 2);
  CHECK(run(newsindex("-q --db " + dir / "db")).status == 2);  // no path

  // Locked by another writer.
  REQUIRE(run(newsindex("-q --db " + dir / "db" + " " + dir / "in")).status == 0);
  Xapian::WritableDatabase holder(dir / "db", Xapian::DB_OPEN);
  Run locked = run(newsindex("-q --db " + dir / "db" + " " + dir / "in"));
  CHECK(locked.status == 2);
  CHECK(locked.err.find("locked") != std::string::npos);
}

TEST_CASE("kill -9 mid-run then rerun: exactly one document per file", "[indexer][cli][crash]") {
  TempDir dir;
  constexpr int kFiles = 3000;
  for (int i = 0; i < kFiles; ++i)
    write_file(dir / ("in/" + std::to_string(i / 500) + "/a" + std::to_string(i) + ".txt"),
               article("Story number " + std::to_string(i), "Reporter " + std::to_string(i % 7), "2025-02-03",
                       "Paragraph one of story " + std::to_string(i) + " about markets and weather.\n"
                       "Paragraph two with more words: budget, rates, talks, floods, chips."));
  const std::string cmd = newsindex("-q --batch 100 --db " + dir / "db" + " " + dir / "in");
  for (int delay_ms : {150, 400}) {
    run("(" + cmd + " >/dev/null 2>&1 & pid=$!; sleep " + std::to_string(delay_ms / 1000.0) + "; kill -9 $pid; wait $pid) 2>/dev/null");
    if (fs::exists(dir / "db")) {
      Xapian::Database db(dir / "db");  // opens: the last commit is intact
      CHECK(db.get_doccount() <= static_cast<unsigned>(kFiles));
    }
  }
  const Run rerun = run(cmd);
  INFO(rerun.err);
  REQUIRE(rerun.status == 0);
  Xapian::Database db(dir / "db");
  CHECK(db.get_doccount() == static_cast<unsigned>(kFiles));
  CHECK(terms_with_prefix(db, "Q").size() == static_cast<std::size_t>(kFiles));
  CHECK(summary_of(run(cmd))["unchanged"] == kFiles);
}

TEST_CASE("SIGINT commits what is done and says so", "[indexer][cli]") {
  TempDir dir;
  for (int i = 0; i < 2000; ++i)
    write_file(dir / ("in/a" + std::to_string(i) + ".txt"),
               article("Story " + std::to_string(i), "R", "2025-02-03", "Words about budget talks " + std::to_string(i) + "."));
  const std::string cmd = newsindex("-q --batch 50 --db " + dir / "db" + " " + dir / "in");
  const Run r = run("(" + cmd + " & pid=$!; sleep 0.3; kill -INT $pid; wait $pid; echo \"exit=$?\")");
  // Either it finished before the signal, or it stopped with 130 and a message.
  if (r.out.find("exit=130") != std::string::npos) CHECK(r.err.find("stopping") != std::string::npos);
  REQUIRE(run(cmd).status == 0);
  CHECK(Xapian::Database(dir / "db").get_doccount() == 2000);
}

TEST_CASE("a memory budget (--memory-mb): past it the writer commits early, never under 100 articles, and loses none", "[indexer][cli]") {
  TempDir dir;
  constexpr int kFiles = 300;
  for (int i = 0; i < kFiles; ++i)
    write_file(dir / ("in/a" + std::to_string(i) + ".txt"),
               article("Story " + std::to_string(i), "R", "2025-02-03", "Words about budget talks " + std::to_string(i) + "."));
  // One writer, a batch larger than the run, a budget the parsers' own tables outgrow.
  const Run tight = run(newsindex("-q --shards 1 --batch 5000 --memory-mb 1 --db " + dir / "tight" + " " + dir / "in"));
  REQUIRE(tight.status == 0);
  const int early = summary_of(tight)["memory_commits"];
  CHECK(early >= 1);
  CHECK(early <= kFiles / 100);  // never a commit of fewer than 100 articles
  CHECK(Xapian::Database(dir / "tight").get_doccount() == static_cast<unsigned>(kFiles));

  const Run roomy = run(newsindex("-q --shards 1 --batch 5000 --memory-mb 100000 --db " + dir / "roomy" + " " + dir / "in"));
  REQUIRE(roomy.status == 0);
  CHECK(summary_of(roomy)["memory_commits"] == 0);
  CHECK(Xapian::Database(dir / "roomy").get_doccount() == static_cast<unsigned>(kFiles));

  const Run zero = run(newsindex("-q --memory-mb 0 --db " + dir / "zero" + " " + dir / "in"));
  CHECK(zero.status == 2);
  CHECK(zero.err.find("--memory-mb") != std::string::npos);
}

TEST_CASE("a full build by two writers in small segments holds exactly what one writer writes", "[indexer][cli][segments]") {
  const std::string february = shared_path("corpora/reuters21578/1987/02"), october = shared_path("corpora/reuters21578/1987/10");
  if (!fs::exists(february) || !fs::exists(october)) {
    WARN("skipped: " + february + " not found (the shared corpora are not beside the checkout)");
    return;
  }
  TempDir dir;
  const std::string inputs = " " + february + " " + october;
  // One writer writes the database itself: nothing to merge.
  const Run whole = run(newsindex("-q --shards 1 --db " + dir / "whole" + inputs));
  const std::string split_cmd = newsindex("-q --shards 2 --segment-size 100 --db " + dir / "split" + inputs);
  const Run split = run(split_cmd);
  INFO(whole.err << split.err);
  REQUIRE(whole.status == 0);
  REQUIRE(split.status == 0);
  CHECK(summary_of(whole)["segments"] == 0);
  CHECK(summary_of(split)["segments"] >= 14);  // 1,454 articles, 100 a segment, two writers
  CHECK_FALSE(fs::exists(dir / "split.build"));

  Xapian::Database w(dir / "whole"), s(dir / "split");
  REQUIRE(w.get_doccount() == 1454);
  CHECK(s.get_doccount() == w.get_doccount());
  CHECK(s.get_total_length() == w.get_total_length());
  // Every term with its frequencies: the ranking statistics are those of one database.
  // (Not the cluster terms: a cluster is named by whichever copy came first; the clusters
  // are compared below.)
  std::size_t terms = 0, differing_terms = 0;
  for (auto t = w.allterms_begin(); t != w.allterms_end(); ++t, ++terms)
    if (!(*t).starts_with(newsearch::kPrefixDupCluster) &&
        (s.get_termfreq(*t) != t.get_termfreq() || s.get_collection_freq(*t) != w.get_collection_freq(*t)))
      ++differing_terms;
  CHECK(terms > 10000);
  CHECK(differing_terms == 0);
  std::size_t split_terms = 0;
  for (auto t = s.allterms_begin(); t != s.allterms_end(); ++t) ++split_terms;
  CHECK(split_terms == terms);
  // The spelling dictionary, the person spellings and file states (metadata) add up alike
  // (the merge used to keep one shard's counts of a person's spellings).
  std::map<std::string, Xapian::termcount> w_spelling, s_spelling;
  for (auto t = w.spellings_begin(); t != w.spellings_end(); ++t) w_spelling[*t] = t.get_termfreq();
  for (auto t = s.spellings_begin(); t != s.spellings_end(); ++t) s_spelling[*t] = t.get_termfreq();
  CHECK(w_spelling.size() > 1000);
  CHECK(s_spelling == w_spelling);
  std::size_t keys = 0, differing_keys = 0;
  // (Not the champion lists: they name document ids, which differ with the order of writing;
  // nor the stamps naming the database's UUID, the lists' and the cluster count's.)
  for (auto k = w.metadata_keys_begin(); k != w.metadata_keys_end(); ++k, ++keys)
    if (*k != newsearch::kMetaLastRun && *k != newsearch::kMetaChampions && *k != newsearch::kMetaClusterCount &&
        !(*k).starts_with(newsearch::kMetaChampionPrefix) && s.get_metadata(*k) != w.get_metadata(*k))
      ++differing_keys;
  CHECK(keys > 1454);
  CHECK(differing_keys == 0);
  // Each article is there once with the same data, and duplicates form the same clusters
  // (a cluster's key depends on which copy came first, so compare the clusters).
  auto clusters_of = [](const Xapian::Database& db, std::size_t& differing_data, const Xapian::Database& other) {
    std::map<std::string, std::set<std::string>> by_key;
    for (auto q = db.allterms_begin("Q"); q != db.allterms_end("Q"); ++q) {
      REQUIRE(q.get_termfreq() == 1);
      const Xapian::Document doc = db.get_document(*db.postlist_begin(*q));
      const std::string key = doc.get_value(newsearch::kSlotDupKey);
      if (!key.empty()) by_key[key].insert(*q);
      if (other.get_document(*other.postlist_begin(*q)).get_data() != doc.get_data()) ++differing_data;
    }
    std::set<std::set<std::string>> out;
    for (auto& [key, members] : by_key) out.insert(members);
    return out;
  };
  std::size_t differing_data = 0;
  const auto w_clusters = clusters_of(w, differing_data, s);
  CHECK(!w_clusters.empty());  // reuters21578 repeats stories
  CHECK(clusters_of(s, differing_data, w) == w_clusters);
  CHECK(differing_data == 0);
  CHECK(summary_of(run(split_cmd))["unchanged"] == 1454);  // the merged file states hold
}

TEST_CASE("newsindex inspect shows what the index would hold", "[indexer][cli]") {
  const Run r = run(newsindex("inspect " + source_path("corpus/000_b8c9ca3be790383f.txt")));
  REQUIRE(r.status == 0);
  auto j = nlohmann::json::parse(r.out);
  CHECK(j["title"] == "NATO Secretary General says Zelenskyy should restore relations with Trump");
  CHECK(j["authors"] == nlohmann::json::array({"Alona Kokhanchuk"}));
  CHECK(j["date"] == "2025-03-01T21:09");
  CHECK(j["tags"] == nlohmann::json::array({"Volodymyr Zelenskyi"}));
  CHECK(j["language"] == "en");
  CHECK(j["paragraphs"].size() == 15);
  CHECK(j["terms"].contains("title_stemmed"));
  CHECK(j["terms"].contains("person_exact"));
  CHECK(j["terms"].contains("word_pairs"));  // the title's and body's adjacent words
  CHECK(run(newsindex("inspect /no/such/file.txt")).status == 2);
}
