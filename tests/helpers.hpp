#pragma once
// Shared test fixtures: temporary folders, article files, running the real binaries.
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdlib>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>

namespace testing {

namespace fs = std::filesystem;

/// A folder removed at the end of the test.
class TempDir {
 public:
  TempDir() {
    std::random_device rd;
    path_ = fs::temp_directory_path() / ("newsearch-test-" + std::to_string(getpid()) + "-" + std::to_string(rd()));
    fs::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    fs::permissions(path_, fs::perms::owner_all, fs::perm_options::add, ec);
    fs::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const fs::path& path() const { return path_; }
  std::string operator/(const std::string& rel) const { return (path_ / rel).string(); }

 private:
  fs::path path_;
};

inline void write_file(const std::string& path, const std::string& content) {
  fs::create_directories(fs::path(path).parent_path());
  std::ofstream out(path, std::ios::binary);
  out << content;
}

inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

/// An article in the seed layout.
inline std::string article(const std::string& title, const std::string& author, const std::string& date,
                           const std::string& body, const std::string& tags = "") {
  std::string s = title + "\n-\n- " + author + "\n-\n\xE2\x80\xA2\n-\n" + date + "\n" + body + "\n";
  if (!tags.empty()) s += "Recent news about: " + tags + "\n";
  return s;
}

struct Run {
  int status = -1;
  std::string out;  ///< stdout
  std::string err;  ///< stderr
};

/// Runs a shell command line; captures stdout and stderr.
inline Run run(const std::string& command) {
  static int counter = 0;
  const std::string err_file = fs::temp_directory_path() / ("newsearch-stderr-" + std::to_string(getpid()) + "-" +
                                                           std::to_string(counter++));
  Run r;
  FILE* p = popen((command + " 2>" + err_file).c_str(), "r");
  if (!p) return r;
  std::array<char, 65536> buf;
  std::size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) r.out.append(buf.data(), n);
  const int st = pclose(p);
  r.status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
  r.err = read_file(err_file);
  fs::remove(err_file);
  return r;
}

inline std::string quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

/// $NEWSEARCH_TEST_WRAPPER, if set, goes in front of every newsindex and newsearch command the
/// tests run (scripts/valgrind sets it to a valgrind command line).
inline std::string test_wrapper() {
  const char* w = std::getenv("NEWSEARCH_TEST_WRAPPER");
  return w && *w ? std::string(w) + " " : std::string();
}
inline std::string newsindex(const std::string& args) { return test_wrapper() + NEWSINDEX_BIN + " " + args; }
inline std::string newsearch(const std::string& args) { return test_wrapper() + NEWSEARCH_BIN + " " + args; }

inline std::string source_path(const std::string& rel) { return std::string(NEWSEARCH_SOURCE_DIR) + "/" + rel; }
inline std::string shared_path(const std::string& rel) { return std::string(NEWSEARCH_SHARED_DIR) + "/" + rel; }

}  // namespace testing
