#pragma once
// A small archive indexed once whole and once split into parts, for the shard tests
// (test_shards.cpp: local databases searched as one; test_remote.cpp: through xapian-tcpsrv).
#include <catch2/catch.hpp>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "helpers.hpp"
#include "searcher/search_engine.hpp"

namespace shards {

using nlohmann::json;

inline const char* const kSentences[] = {
    "The central bank kept interest rates unchanged on Wednesday.",
    "Christine Lagarde said inflation was easing across the region.",
    "Traders expect a rate cut in June after weak factory data.",
    "Mark Rutte said the ceasefire talks in Geneva were useful.",
    "Volodymyr Zelenskyy thanked partners for air defence systems.",
    "Oil prices rose as exporters agreed to limit output.",
    "The European Union agreed new sanctions on shipping firms.",
    "Wheat exports fell sharply because of the drought.",
    "Shares of chip makers rallied on strong demand for servers.",
    "The finance ministry announced a new bond programme.",
    "Flood damage in Valencia will take years to repair.",
    "Ursula von der Leyen presented the budget to parliament.",
    "Coffee growers warned of a poor harvest this season.",
    "Gold and silver prices moved in opposite directions.",
    "The trade deficit with Japan narrowed for a third month.",
    "Ministers met in Brussels to discuss energy security.",
};
inline const char* const kTitleWords[] = {"Bank", "Ceasefire", "Oil", "Wheat", "Chip", "Budget", "Flood", "Trade", "Energy", "Gold"};
inline const char* const kAuthors[] = {"Anna Berg", "Piet de Vries", "Li Wei", "Sofia Marin", "Olena Kovalenko"};

struct Article {
  std::string part;  ///< "part0", "part1", "part2"
  std::string name;
  std::string text;
};

/// 36 articles over three parts. Pedro Sánchez (accented) is named once in part0 and Pedro
/// Sanchez three times in part1: the display name must come from all shards' counts.
/// Two exact duplicates sit in part2 (collapse within a shard).
inline std::vector<Article> articles() {
  std::vector<Article> out;
  unsigned x = 12345;
  auto rnd = [&](unsigned n) {
    x = x * 1103515245u + 12345u;
    return (x >> 16) % n;
  };
  for (int k = 0; k < 36; ++k) {
    std::string body;
    const unsigned n = 2 + rnd(5);
    for (unsigned i = 0; i < n; ++i) body += std::string(i ? " " : "") + kSentences[rnd(16)];
    if (k == 1) body += "\nPrime Minister Pedro S\xC3\xA1nchez promised aid to Valencia.";
    if (k == 4 || k == 7 || k == 10) body += "\nPedro Sanchez returned to Valencia as rebuilding began.";
    char date[64];
    std::snprintf(date, sizeof date, "%02d:%02d, %02d %s, %d", k % 24, (k * 7) % 60, 1 + k % 28,
                  k % 3 == 0 ? "March" : k % 3 == 1 ? "July" : "November", 2023 + k % 3);
    const std::string title = std::string(kTitleWords[rnd(10)]) + " report " + std::to_string(k) + ": " +
                              kTitleWords[rnd(10)] + " and " + kTitleWords[rnd(10)];
    const std::string tags = k % 4 == 0 ? "NATO" : k % 5 == 0 ? "Energy, EU" : "";
    out.push_back({"part" + std::to_string(k % 3), "a" + std::to_string(k) + ".txt",
                   testing::article(title, kAuthors[rnd(5)], date, body, tags)});
  }
  const std::string dup = testing::article("Coffee harvest falls short", "Li Wei", "08:00, 02 May, 2024",
                                           "Coffee growers warned of a poor harvest this season. Prices of beans rose.");
  out.push_back({"part2", "dup1.txt", dup});
  out.push_back({"part2", "dup2.txt", dup});
  return out;
}

/// The archive on disk: in/partN folders, the whole archive in one database, each part
/// in its own database, and parts 1+2 together (for a two-way split).
struct Archive {
  testing::TempDir dir;
  std::string one, p0, p1, p2, p12;
  Archive() {
    for (const auto& a : articles()) testing::write_file(dir / ("in/" + a.part + "/" + a.name), a.text);
    one = dir / "one.db";
    p0 = dir / "p0.db";
    p1 = dir / "p1.db";
    p2 = dir / "p2.db";
    p12 = dir / "p12.db";
    index(one, {"part0", "part1", "part2"});
    index(p0, {"part0"});
    index(p1, {"part1"});
    index(p2, {"part2"});
    index(p12, {"part1", "part2"});
  }
  void index(const std::string& db, const std::vector<std::string>& parts) {
    std::string folders;
    for (const auto& p : parts) folders += " " + dir / ("in/" + p);
    const testing::Run r = testing::run(testing::newsindex("-q --db " + db + folders));
    if (r.status != 0) FAIL("newsindex failed: " + r.err);
  }
};

/// Queries that exercise ranking, phrases, fields, booleans, dates, synonyms and spelling.
inline const std::vector<std::string> kQueries = {
    "bank",          "interest rates",   "\"interest rates\"", "oil OR wheat", "prices -gold",
    "person:sanchez", "author:berg",     "date:2024",          "tag:nato",     "EU",
    "ceasefire talks", "coffee harvest", "ceasfire",           "valencia NOT flood", "title:oil"};

/// Each hit as its cluster (its id and the ids collapsed into it), grouped by score: hits
/// with equal scores may come in any order (docids differ between shard layouts).
inline std::vector<std::pair<double, std::set<std::string>>> ranking(const json& j) {
  std::vector<std::pair<double, std::set<std::string>>> out;
  for (const auto& r : j["results"]) {
    std::set<std::string> ids{r["id"].get<std::string>()};
    for (const auto& d : r["duplicates"]) ids.insert(d["id"].get<std::string>());
    std::string cluster;
    for (const auto& id : ids) cluster += id + " ";
    const double score = r["score"];
    if (out.empty() || out.back().first != score) out.push_back({score, {}});
    out.back().second.insert(cluster);
  }
  return out;
}

/// The words a snippet highlights, in order.
inline std::vector<std::string> marked(const std::string& snippet) {
  std::vector<std::string> out;
  for (std::size_t at = snippet.find("<mark>"); at != std::string::npos; at = snippet.find("<mark>", at + 1)) {
    const std::size_t end = snippet.find("</mark>", at);
    if (end == std::string::npos) break;
    out.push_back(snippet.substr(at + 6, end - at - 6));
  }
  return out;
}

/// The result objects by id, without rank (ties reorder), without the duplicates list
/// (its order follows docids), and with the snippet reduced to its highlighted words:
/// Xapian's snippet scoring sums per-shard term weights, so between two equally good
/// passages it may pick the other one.
inline std::map<std::string, json> by_id(const json& j) {
  std::map<std::string, json> out;
  for (auto r : j["results"]) {
    r.erase("rank");
    r.erase("duplicates");
    r["snippet"] = marked(r["snippet"].get<std::string>());
    out[r["id"].get<std::string>()] = r;
  }
  return out;
}

inline json search(newsearch::SearchEngine& engine, const std::string& query, bool facets = true,
                   newsearch::SortOrder sort = newsearch::SortOrder::kRelevance) {
  newsearch::SearchRequest req;
  req.query = query;
  req.limit = 100;
  req.facets = facets;
  req.timeline = facets;
  req.sort = sort;
  auto r = engine.search(req);
  INFO(query << ": " << (r ? "" : r.error().message));
  REQUIRE(r.ok());
  return *r;
}

/// Asserts that two engines give the same answer to a query: ranking (ties as sets),
/// each hit's fields and snippet, totals, facets, timeline, suggestion.
inline void require_same(newsearch::SearchEngine& expected, newsearch::SearchEngine& actual, const std::string& query,
                         newsearch::SortOrder sort = newsearch::SortOrder::kRelevance) {
  const json a = search(expected, query, true, sort), b = search(actual, query, true, sort);
  INFO("query: " << query);
  CHECK(a["total"] == b["total"]);
  CHECK(a["total_exact"] == b["total_exact"]);
  CHECK(ranking(a) == ranking(b));
  const json hits_a = by_id(a), hits_b = by_id(b);
  INFO("hits differ: " << json::diff(hits_a, hits_b).dump());
  CHECK(hits_a == hits_b);
  INFO("facets differ: " << json::diff(a["facets"], b["facets"]).dump());
  CHECK(a["facets"] == b["facets"]);
  CHECK(a["timeline"] == b["timeline"]);
  CHECK(a["suggestion"] == b["suggestion"]);
  CHECK(a["unmatched"] == b["unmatched"]);
}

}  // namespace shards
