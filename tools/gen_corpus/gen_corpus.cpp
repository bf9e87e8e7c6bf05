// gen-corpus N OUTDIR [--seed S] [--sources DIR]... [--threads T]: writes N synthetic articles
// in the article format (title, "-", "- Author", "-", "•", "-", "HH:MM, DD Month, YYYY",
// paragraphs, optional "Recent news about: X") into OUTDIR/YYYY/MM/gen-NNNNNNNN.txt.
//
// Titles are real titles, bodies 3-30 real sentences (people names stay as they occur),
// authors come from a pool of 200 generated names, dates are spread over 2000-2025. The
// sources are read at generation time and never copied into the repository. Article i
// depends only on (seed, i) and the sorted source list, so the output is the same for a
// given seed whatever the thread count.
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_set>
#include <vector>

namespace fs = std::filesystem;

namespace {

// splitmix64: small, fast, and the same on every platform (std:: distributions are not).
struct Rng {
  std::uint64_t s;
  explicit Rng(std::uint64_t seed) : s(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (s += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  /// Uniform in [0, n).
  std::size_t below(std::size_t n) { return n ? static_cast<std::size_t>(next() % n) : 0; }
  std::size_t between(std::size_t lo, std::size_t hi) { return lo + below(hi - lo + 1); }
};

struct Sources {
  std::vector<std::string> titles;
  std::vector<std::string> sentences;
  std::vector<std::string> tags;  // "Recent news about" values
};

bool all_caps(std::string_view s) {
  bool letter = false;
  for (unsigned char c : s) {
    if (c >= 'a' && c <= 'z') return false;
    if (c >= 'A' && c <= 'Z') letter = true;
  }
  return letter;
}

// "OIL PRICES RISE" -> "Oil prices rise" (the Reuters titles are in capitals).
std::string sentence_case(std::string s) {
  bool first = true;
  for (auto& c : s) {
    if (c >= 'A' && c <= 'Z') {
      if (!first) c = static_cast<char>(c - 'A' + 'a');
      first = false;
    } else if (c >= 'a' && c <= 'z') {
      first = false;
    }
  }
  return s;
}

// Splits a paragraph into sentences at ". ", "? ", "! " followed by a capital or a quote.
void split_sentences(std::string_view p, std::vector<std::string>& out) {
  std::size_t start = 0;
  for (std::size_t i = 0; i + 2 < p.size(); ++i) {
    const char c = p[i];
    if ((c == '.' || c == '?' || c == '!') && p[i + 1] == ' ') {
      const unsigned char n = static_cast<unsigned char>(p[i + 2]);
      const bool starts = (n >= 'A' && n <= 'Z') || n == '"' || n >= 0x80;
      // "Mr. Smith", "U.S. officials": not a sentence end after a short capitalised word.
      std::size_t w = i;
      while (w > start && p[w - 1] != ' ') --w;
      const bool abbrev = i - w <= 3 && p[w] >= 'A' && p[w] <= 'Z';
      if (starts && !abbrev) {
        out.emplace_back(p.substr(start, i + 1 - start));
        start = i + 2;
      }
    }
  }
  if (start < p.size()) out.emplace_back(p.substr(start));
}

void read_article(const fs::path& file, Sources& src) {
  std::ifstream in(file, std::ios::binary);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(std::move(line));
  }
  if (lines.size() < 8) return;
  const std::string& title = lines[0];
  if (title.size() >= 8 && title.size() <= 160) src.titles.push_back(all_caps(title) ? sentence_case(title) : title);
  std::vector<std::string> sentences;
  for (std::size_t i = 7; i < lines.size(); ++i) {
    const std::string& l = lines[i];
    if (l.rfind("Recent news about: ", 0) == 0) {
      src.tags.push_back(l.substr(19));
      continue;
    }
    split_sentences(l, sentences);
  }
  for (auto& s : sentences)
    if (s.size() >= 25 && s.size() <= 600 && !all_caps(s)) src.sentences.push_back(std::move(s));
}

Sources load_sources(const std::vector<std::string>& roots) {
  std::vector<fs::path> files;
  for (const auto& root : roots) {
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(root, ec); it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (ec) break;
      if (it->is_regular_file() && it->path().extension() == ".txt") files.push_back(it->path());
    }
  }
  std::sort(files.begin(), files.end());  // directory order differs between file systems
  Sources src;
  for (const auto& f : files) read_article(f, src);
  // One copy of each sentence and title: wire stories repeat boilerplate lines.
  auto dedupe = [](std::vector<std::string>& v) {
    std::unordered_set<std::string> seen;
    std::vector<std::string> out;
    for (auto& s : v)
      if (seen.insert(s).second) out.push_back(std::move(s));
    v = std::move(out);
  };
  dedupe(src.titles);
  dedupe(src.sentences);
  dedupe(src.tags);
  return src;
}

// 200 bylines from first names and surnames of several languages (the archive is international).
std::vector<std::string> author_pool(std::uint64_t seed) {
  static const char* first[] = {"Anna",   "Piet",   "Li",      "Sofia",  "Olena",  "James",  "Maria",   "Tomasz",
                                "Aisha",  "Kenji",  "Lucia",   "Ahmed",  "Ingrid", "Pedro",  "Yulia",   "David",
                                "Fatima", "Marco",  "Hannah",  "Oleksandr", "Chloe", "Rahul", "Elif",   "Jonas",
                                "Mei",    "Samuel", "Irina",   "Kofi",   "Laura",  "Mikhail", "Nadia",  "Erik",
                                "Grace",  "Hugo",   "Alona",   "Carlos", "Priya",  "Lars",   "Zainab",  "Daniel"};
  static const char* last[] = {"Berg",     "de Vries", "Wei",     "Marin",   "Kovalenko", "Smith",   "Garcia",
                               "Nowak",    "Khan",     "Tanaka",  "Rossi",   "Hassan",    "Larsen",  "Santos",
                               "Petrenko", "Cohen",    "Okafor",  "Bianchi", "Fischer",   "Shevchenko", "Martin",
                               "Sharma",   "Yilmaz",   "Weber",   "Chen",    "Mensah",    "Ivanova", "Boateng",
                               "Moreau",   "Orlov",    "Haddad",  "Lindqvist", "Murphy", "Dubois",  "Kokhanchuk",
                               "Lopez",    "Iyer",     "Nielsen", "Abubakar", "Brown"};
  constexpr std::size_t nf = sizeof first / sizeof *first, nl = sizeof last / sizeof *last;
  Rng rng(seed ^ 0xA5A5A5A5ULL);
  std::unordered_set<std::string> seen;
  std::vector<std::string> pool;
  while (pool.size() < 200) {
    std::string name = std::string(first[rng.below(nf)]) + " " + last[rng.below(nl)];
    if (seen.insert(name).second) pool.push_back(std::move(name));
  }
  return pool;
}

const char* kMonths[] = {"January", "February", "March",     "April",   "May",      "June",
                         "July",    "August",   "September", "October", "November", "December"};

int days_in(int y, int m) {
  static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0) ? 29 : d[m - 1];
}

struct Options {
  std::size_t n = 0;
  std::string out;
  std::uint64_t seed = 1;
  unsigned threads = 0;
  std::vector<std::string> sources;
};

// Writes article i; returns the bytes written (0 on error).
std::size_t write_article(const Options& o, const Sources& src, const std::vector<std::string>& authors,
                          std::size_t i, std::string& buf) {
  Rng rng(o.seed * 0x100000001B3ULL + i * 0x9E3779B97F4A7C15ULL + 1);
  rng.next();
  const int year = 2000 + static_cast<int>(rng.below(26));
  const int month = 1 + static_cast<int>(rng.below(12));
  const int day = 1 + static_cast<int>(rng.below(static_cast<std::size_t>(days_in(year, month))));
  const int hour = static_cast<int>(rng.below(24)), minute = static_cast<int>(rng.below(60));

  buf.clear();
  buf += src.titles[rng.below(src.titles.size())];
  buf += "\n-\n- ";
  buf += authors[rng.below(authors.size())];
  if (rng.below(20) == 0) {  // one in twenty has a second author
    buf += " and ";
    buf += authors[rng.below(authors.size())];
  }
  buf += "\n-\n\xE2\x80\xA2\n-\n";
  char date[64];
  std::snprintf(date, sizeof date, "%02d:%02d, %02d %s, %04d\n", hour, minute, day, kMonths[month - 1], year);
  buf += date;
  const std::size_t sentences = rng.between(3, 30);
  for (std::size_t s = 0; s < sentences;) {
    const std::size_t para = std::min(sentences - s, rng.between(1, 4));
    for (std::size_t k = 0; k < para; ++k, ++s) {
      if (k) buf += ' ';
      buf += src.sentences[rng.below(src.sentences.size())];
    }
    buf += '\n';
  }
  if (!src.tags.empty() && rng.below(10) == 0) {
    buf += "Recent news about: ";
    buf += src.tags[rng.below(src.tags.size())];
    buf += '\n';
  }

  char rel[64];
  std::snprintf(rel, sizeof rel, "/%04d/%02d/gen-%08zu.txt", year, month, i);
  const std::string path = o.out + rel;
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return 0;
  const ssize_t w = ::write(fd, buf.data(), buf.size());
  ::close(fd);
  return w == static_cast<ssize_t>(buf.size()) ? buf.size() : 0;
}

int usage() {
  std::fprintf(stderr,
               "usage: gen-corpus N OUTDIR [--seed S] [--threads T] [--sources DIR]...\n"
               "  writes N synthetic articles into OUTDIR/YYYY/MM/ from the sentences of the real\n"
               "  corpora (default sources: the folders under ../shared/corpora)\n");
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  std::vector<std::string> positional;
  for (int a = 1; a < argc; ++a) {
    const std::string arg = argv[a];
    auto value = [&]() -> std::string {
      if (a + 1 >= argc) {
        std::fprintf(stderr, "gen-corpus: error: %s needs a value\n", arg.c_str());
        std::exit(2);
      }
      return argv[++a];
    };
    if (arg == "--seed") o.seed = std::strtoull(value().c_str(), nullptr, 10);
    else if (arg == "--threads") o.threads = static_cast<unsigned>(std::atoi(value().c_str()));
    else if (arg == "--sources") o.sources.push_back(value());
    else if (arg == "-h" || arg == "--help") return usage(), 0;
    else if (arg.starts_with("--")) return usage();
    else positional.push_back(arg);
  }
  if (positional.size() != 2) return usage();
  char* end = nullptr;
  o.n = std::strtoull(positional[0].c_str(), &end, 10);
  if (!end || *end) return usage();
  o.out = positional[1];
  if (o.sources.empty()) {
    std::fprintf(stderr, "gen-corpus: error: no --sources given\n");
    return 2;
  }
  const auto t0 = std::chrono::steady_clock::now();
  const Sources src = load_sources(o.sources);
  if (src.titles.empty() || src.sentences.empty()) {
    std::fprintf(stderr, "gen-corpus: error: no articles found under the sources\n");
    return 2;
  }
  const auto authors = author_pool(o.seed);
  const auto t1 = std::chrono::steady_clock::now();

  std::error_code ec;
  for (int y = 2000; y <= 2025; ++y)
    for (int m = 1; m <= 12; ++m) {
      char dir[32];
      std::snprintf(dir, sizeof dir, "/%04d/%02d", y, m);
      fs::create_directories(o.out + dir, ec);
      if (ec) {
        std::fprintf(stderr, "gen-corpus: error: cannot create %s%s: %s\n", o.out.c_str(), dir, ec.message().c_str());
        return 2;
      }
    }

  const unsigned threads = o.threads ? o.threads : std::max(1u, std::min(4u, std::thread::hardware_concurrency()));
  std::atomic<std::size_t> next{0}, bytes{0}, failed{0};
  std::vector<std::thread> pool;
  for (unsigned t = 0; t < threads; ++t)
    pool.emplace_back([&] {
      std::string buf;
      buf.reserve(1 << 16);
      for (;;) {
        const std::size_t start = next.fetch_add(256);
        if (start >= o.n) break;
        for (std::size_t i = start; i < std::min(o.n, start + 256); ++i) {
          const std::size_t w = write_article(o, src, authors, i, buf);
          if (w) bytes += w;
          else ++failed;
        }
      }
    });
  for (auto& t : pool) t.join();
  const auto t2 = std::chrono::steady_clock::now();
  const double load_s = std::chrono::duration<double>(t1 - t0).count();
  const double gen_s = std::chrono::duration<double>(t2 - t1).count();
  std::fprintf(stderr,
               "gen-corpus: %zu articles, %.1f MB in %.2f s (%.0f articles/s; sources: %zu titles, %zu sentences "
               "read in %.2f s)\n",
               o.n - failed.load(), static_cast<double>(bytes.load()) / 1e6, gen_s,
               gen_s > 0 ? static_cast<double>(o.n) / gen_s : 0.0, src.titles.size(), src.sentences.size(), load_s);
  if (failed) {
    std::fprintf(stderr, "gen-corpus: error: %zu articles could not be written under %s\n", failed.load(), o.out.c_str());
    return 2;
  }
  return 0;
}
