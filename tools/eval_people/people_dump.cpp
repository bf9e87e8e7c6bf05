// people-dump FOLDER: prints "file<TAB>display|display|..." for every *.txt article under
// FOLDER (sorted, recursive), and the extraction speed on stderr.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <time.h>

#include "common/parse_text.hpp"
#include "common/people.hpp"

namespace fs = std::filesystem;

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: people-dump FOLDER [--keys]\n";
    return 2;
  }
  bool keys = argc > 2 && std::string(argv[2]) == "--keys";
  std::vector<fs::path> files;
  for (const auto& e : fs::recursive_directory_iterator(argv[1]))
    if (e.is_regular_file() && e.path().extension() == ".txt" && e.path().filename() != "README.md")
      files.push_back(e.path());
  std::sort(files.begin(), files.end());
  newsearch::PeopleExtractor extractor;
  std::vector<std::pair<fs::path, newsearch::Article>> articles;
  std::size_t bytes = 0;
  for (const auto& f : files) {
    std::ifstream in(f, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    std::string text = ss.str();
    bytes += text.size();
    auto article = newsearch::parse_article_text(text);
    if (article) articles.emplace_back(f, std::move(*article));
  }
  // thread CPU time: the machine is shared, wall time would measure the neighbours
  auto cpu_seconds = [] {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + double(ts.tv_nsec) / 1e9;
  };
  double t0 = cpu_seconds();
  std::vector<std::vector<newsearch::Person>> results;
  results.reserve(articles.size());
  for (const auto& [f, a] : articles) results.push_back(extractor.extract(a));
  double secs = cpu_seconds() - t0;
  std::string out;
  for (std::size_t i = 0; i < articles.size(); ++i) {
    out += fs::relative(articles[i].first, argv[1]).string();
    out += '\t';
    for (std::size_t k = 0; k < results[i].size(); ++k) {
      if (k) out += '|';
      out += keys ? results[i][k].key : results[i][k].display;
      if (keys) out += ":" + std::to_string(results[i][k].mentions);
    }
    out += '\n';
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  std::fprintf(stderr, "people-dump: %zu articles, %.1f MB, extraction %.3f s CPU, %.1f MB/s per thread\n",
               articles.size(), bytes / 1e6, secs, secs > 0 ? bytes / 1e6 / secs : 0.0);
  return 0;
}
