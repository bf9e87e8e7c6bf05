// The real `newsearch serve` binary: prints the URL of the free port it took for --port 0,
// answers on it, refuses a bad database or a taken port, and stops cleanly on SIGTERM and
// Ctrl-C (SIGINT).
#include <fcntl.h>
#include <httplib.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <regex>

#include "helpers.hpp"

using namespace testing;

namespace {

/// newsearch serve ARGS as a child process, with its stdout readable line by line.
class ServeProcess {
 public:
  explicit ServeProcess(std::vector<std::string> args) {
    int out[2];
    REQUIRE(pipe(out) == 0);
    pid_ = fork();
    REQUIRE(pid_ >= 0);
    if (pid_ == 0) {
      dup2(out[1], STDOUT_FILENO);
      close(out[0]);
      close(out[1]);
      std::vector<char*> argv;
      const std::string bin = NEWSEARCH_BIN;
      argv.push_back(const_cast<char*>(bin.c_str()));
      for (auto& a : args) argv.push_back(a.data());
      argv.push_back(nullptr);
      execv(bin.c_str(), argv.data());
      _exit(127);
    }
    close(out[1]);
    out_ = out[0];
  }
  ~ServeProcess() {
    if (pid_ > 0 && !exited_) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
    close(out_);
  }
  ServeProcess(const ServeProcess&) = delete;
  ServeProcess& operator=(const ServeProcess&) = delete;

  /// The first line of stdout, or "" if none comes within the timeout.
  std::string first_line(std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
    std::string line;
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
      pollfd p{out_, POLLIN, 0};
      if (poll(&p, 1, 100) <= 0) continue;
      char c;
      if (read(out_, &c, 1) != 1) break;
      if (c == '\n') return line;
      line += c;
    }
    return line;
  }

  /// Sends sig and returns the exit status (-1 if the process did not end within timeout).
  int stop(int sig, std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
    kill(pid_, sig);
    return wait(timeout);
  }

  int wait(std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
      int status = 0;
      if (waitpid(pid_, &status, WNOHANG) == pid_) {
        exited_ = true;
        return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
      }
      usleep(20000);
    }
    return -1;
  }

 private:
  pid_t pid_ = -1;
  int out_ = -1;
  bool exited_ = false;
};

int port_of(const std::string& line) {
  std::smatch m;
  static const std::regex url(R"(http://127\.0\.0\.1:(\d+)/)");
  return std::regex_search(line, m, url) ? std::stoi(m[1]) : 0;
}

}  // namespace

TEST_CASE("serve binary: --port 0 prints the URL, serves, and stops on SIGTERM and SIGINT", "[serve]") {
  TempDir dir;
  REQUIRE(run(newsindex("--db " + quote(dir / "db") + " --quiet " + quote(source_path("corpus"))) + " >/dev/null")
              .status == 0);
  for (int sig : {SIGTERM, SIGINT}) {
    INFO("signal " << sig);
    ServeProcess serve({"serve", "--db", dir / "db", "--port", "0"});
    const std::string line = serve.first_line();
    INFO(line);
    const int port = port_of(line);
    REQUIRE(port > 0);

    httplib::Client c("127.0.0.1", port);
    c.set_url_encode(false);
    auto health = c.Get("/healthz");
    REQUIRE(health);
    CHECK(health->status == 200);
    auto search = c.Get("/api/search?q=subsoil+deal");
    REQUIRE(search);
    CHECK(search->body.find("\"total\":1") != std::string::npos);

    // A second server on the same port is refused (no silent SO_REUSEPORT sharing).
    const auto taken = run(newsearch("serve --db " + quote(dir / "db") + " --port " + std::to_string(port)));
    CHECK(taken.status == 2);
    CHECK(taken.err.find("cannot listen") != std::string::npos);

    CHECK(serve.stop(sig) == 0);
    CHECK_FALSE(httplib::Client("127.0.0.1", port).Get("/healthz"));
  }
}

TEST_CASE("serve binary: a missing database or a bad option fails at once", "[serve]") {
  TempDir dir;
  const auto missing = run(newsearch("serve --port 0 --db " + quote(dir / "nowhere")));
  CHECK(missing.status == 2);
  CHECK(missing.err.find("no database") != std::string::npos);
  CHECK(run(newsearch("serve --port 70000 --db " + quote(dir / "nowhere"))).status == 2);
  CHECK(run(newsearch("serve --threads 0 --db " + quote(dir / "nowhere"))).status == 2);
  CHECK(run(newsearch("serve --no-such-option")).status == 2);
}

TEST_CASE("serve binary: newsearch serve runs newsearch-serve beside it, and says so when it is missing", "[serve]") {
  const auto help = run(newsearch("serve --help"));
  CHECK(help.status == 0);
  CHECK(help.out.find("Usage: newsearch serve") != std::string::npos);

  // newsearch alone in a folder, with nothing on PATH: a clear error, not a query for "serve".
  TempDir dir;
  const std::string lone = dir / "newsearch";
  REQUIRE(run("cp " + quote(NEWSEARCH_BIN) + " " + quote(lone)).status == 0);
  const auto missing = run("PATH=" + quote(dir.path().string()) + " " + quote(lone) + " serve --help");
  CHECK(missing.status == 2);
  CHECK(missing.err.find("cannot run newsearch-serve") != std::string::npos);
}
