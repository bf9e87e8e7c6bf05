// bench-search DB QUERIES_TSV [ROUNDS]: runs each query ROUNDS times in one process through
// SearchEngine (the code path of the CLI and the server: query, ranking, collapse, snippets,
// JSON) and prints p50/p95 latency per query class (BENCH_PER_QUERY=1: per query too;
// BENCH_MATCH_THREADS, BENCH_SLICE_FROM: the engine's sliced match settings;
// BENCH_NO_CHAMPIONS=1: every posting weighed; BENCH_NO_BIGRAMS=1: phrases by positions).
// QUERIES_TSV: "class<TAB>query" per line.
#include <algorithm>
#include <cstdlib>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "searcher/search_engine.hpp"

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: bench-search DB QUERIES_TSV [ROUNDS]\n");
    return 2;
  }
  const int rounds = argc > 3 ? std::atoi(argv[3]) : 20;
  // BENCH_MATCH_THREADS / BENCH_SLICE_FROM: EngineOptions' match_threads and slice_from.
  newsearch::EngineOptions options;
  if (const char* t = std::getenv("BENCH_MATCH_THREADS")) options.match_threads = static_cast<unsigned>(std::atoi(t));
  if (const char* f = std::getenv("BENCH_SLICE_FROM")) options.slice_from = static_cast<unsigned>(std::atoi(f));
  options.champions = std::getenv("BENCH_NO_CHAMPIONS") == nullptr;
  options.bigrams = std::getenv("BENCH_NO_BIGRAMS") == nullptr;
  newsearch::SearchEngine engine({argv[1]}, options);
  if (!engine.ok()) {
    std::fprintf(stderr, "bench-search: %s\n", engine.error().message.c_str());
    return 2;
  }
  std::vector<std::pair<std::string, std::string>> queries;
  std::ifstream in(argv[2]);
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    const auto tab = line.find('\t');
    if (tab != std::string::npos) queries.emplace_back(line.substr(0, tab), line.substr(tab + 1));
  }
  std::map<std::string, std::vector<double>> by_class, by_query;
  std::vector<double> all;
  for (int r = 0; r < rounds + 1; ++r) {
    for (const auto& [cls, q] : queries) {
      newsearch::SearchRequest req;
      req.query = q;
      req.collapse = std::getenv("BENCH_NO_COLLAPSE") == nullptr;
      req.facets = req.timeline = std::getenv("BENCH_FACETS") != nullptr;
      if (std::getenv("BENCH_SNIPPET")) req.snippet_bytes = static_cast<std::size_t>(std::atoi(std::getenv("BENCH_SNIPPET")));
      const auto t0 = std::chrono::steady_clock::now();
      auto result = engine.search(req);
      const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
      if (!result) {
        std::fprintf(stderr, "bench-search: %s: %s\n", q.c_str(), result.error().message.c_str());
        return 2;
      }
      if (r == 0) continue;  // warm-up round
      by_class[cls].push_back(ms);
      by_query[cls + "\t" + q].push_back(ms);
      all.push_back(ms);
    }
  }
  auto pct = [](std::vector<double> v, double p) {
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, static_cast<std::size_t>(p * static_cast<double>(v.size())))];
  };
  std::printf("%-12s %8s %8s %8s\n", "class", "queries", "p50 ms", "p95 ms");
  for (const auto& [cls, v] : by_class) std::printf("%-12s %8zu %8.3f %8.3f\n", cls.c_str(), v.size() / rounds, pct(v, 0.5), pct(v, 0.95));
  std::printf("%-12s %8zu %8.3f %8.3f\n", "all", all.size() / rounds, pct(all, 0.5), pct(all, 0.95));
  if (std::getenv("BENCH_PER_QUERY")) {  // where a class's time goes
    for (const auto& [q, v] : by_query) std::printf("  %8.3f %8.3f  %s\n", pct(v, 0.5), pct(v, 0.95), q.c_str());
  }
  return 0;
}
