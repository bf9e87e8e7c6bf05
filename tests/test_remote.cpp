// Shards served by xapian-tcpsrv (Xapian's remote backend) on loopback ports: results,
// facets, names, spelling (from a local spelling database) and synonyms equal the local
// ones; a dead shard is a clear error, or partial results flagged as partial.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <thread>

#include "common/store.hpp"
#include "test_shards_corpus.hpp"

using namespace shards;
using newsearch::EngineOptions;
using newsearch::SearchEngine;

namespace {

// A port nobody listens on now: bind port 0 and read what the kernel chose
// (xapian-tcpsrv has no --port 0).
int free_port() {
  const int s = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  a.sin_port = 0;
  socklen_t len = sizeof a;
  REQUIRE(::bind(s, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0);
  REQUIRE(::getsockname(s, reinterpret_cast<sockaddr*>(&a), &len) == 0);
  ::close(s);
  return ntohs(a.sin_port);
}

bool accepts(int port) {
  const int s = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  a.sin_port = htons(static_cast<uint16_t>(port));
  const bool ok = ::connect(s, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
  ::close(s);
  return ok;
}

// One xapian-tcpsrv serving one database, in a process group of its own so that its
// per-connection children die with it.
class TcpServer {
 public:
  explicit TcpServer(const std::string& db) {
    for (int attempt = 0; attempt < 5 && !running(); ++attempt) start(db);
    REQUIRE(running());
  }
  ~TcpServer() { stop(); }
  TcpServer(const TcpServer&) = delete;
  TcpServer& operator=(const TcpServer&) = delete;
  int port() const { return port_; }
  std::string address() const { return "127.0.0.1:" + std::to_string(port_); }
  bool running() const { return pid_ > 0; }
  void stop() {
    if (pid_ <= 0) return;
    ::kill(-pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
    pid_ = -1;
  }

 private:
  void start(const std::string& db) {
    port_ = free_port();
    const std::string port = std::to_string(port_);
    pid_ = ::fork();
    if (pid_ == 0) {
      ::setpgid(0, 0);
      // Quiet: its per-connection children report every closed connection on stderr.
      if (!std::freopen("/dev/null", "w", stdout) || !std::freopen("/dev/null", "w", stderr)) ::_exit(127);
      ::execlp("xapian-tcpsrv", "xapian-tcpsrv", "--quiet", "--interface", "127.0.0.1", "--port", port.c_str(),
               "--timeout", "20000", db.c_str(), static_cast<char*>(nullptr));
      ::_exit(127);
    }
    ::setpgid(pid_, pid_);
    // Up in well under a second; a port taken meanwhile makes it exit: try another.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (std::chrono::steady_clock::now() < deadline) {
      if (accepts(port_)) return;
      int status = 0;
      if (::waitpid(pid_, &status, WNOHANG) == pid_) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    stop();
  }
  pid_t pid_ = -1;
  int port_ = 0;
};

struct RemoteArchive {
  Archive archive;
  TcpServer s0{archive.p0}, s12{archive.p12};
  std::string stub;
  RemoteArchive() {
    stub = archive.dir / "remote.stub";
    testing::write_file(stub, "remote " + s0.address() + "\nremote " + s12.address() + "\n");
  }
};

}  // namespace

TEST_CASE("remote: two xapian-tcpsrv shards rank count and facet like the local shards", "[remote]") {
  RemoteArchive ra;
  SearchEngine local({ra.archive.p0, ra.archive.p12}), remote({ra.stub});
  REQUIRE(remote.ok());
  CHECK(remote.health()["documents"] == local.health()["documents"]);
  for (const auto& q : kQueries) {
    if (q == "ceasfire") continue;  // spelling: see the next test
    require_same(local, remote, q);
  }
  // Facets are counted on the shard servers, exactly: not from the shown page only.
  newsearch::SearchRequest small;
  small.query = "bank OR oil OR wheat";
  small.limit = 1;
  small.facets = true;
  auto a = local.search(small), b = remote.search(small);
  REQUIRE(a.ok());
  REQUIRE(b.ok());
  CHECK((*b)["facets"] == (*a)["facets"]);
  CHECK((*b)["facets"]["months"].size() > 1);
  // Synonyms are expanded before the query reaches the shards: EU finds "European Union".
  const json eu = search(remote, "EU", false);
  REQUIRE(eu["total"].get<int>() > 0);
  CHECK(eu["parsed"].get<std::string>().find("union") != std::string::npos);
  CHECK(eu["total"] == search(local, "EU", false)["total"]);
  // --remote HOST:PORT on the command line is the same as the stub.
  SearchEngine tcp({"tcp://" + ra.s0.address(), "tcp://" + ra.s12.address()});
  require_same(local, tcp, "interest rates");
}

TEST_CASE("remote: a stub's 'remote :PROGRAM ARGS' line (xapian-progsrv over a pipe) ranks like local", "[remote]") {
  Archive archive;
  const std::string stub = archive.dir / "pipes.stub";
  testing::write_file(stub, "remote :xapian-progsrv " + archive.p0 + "\nremote :xapian-progsrv " + archive.p12 + "\n");
  SearchEngine local({archive.p0, archive.p12}), piped({stub});
  REQUIRE(piped.ok());
  CHECK(piped.health()["documents"] == local.health()["documents"]);
  require_same(local, piped, "interest rates");
  require_same(local, piped, "oil");
  // Not a program: a clear error naming the line.
  testing::write_file(stub, "remote :\n");
  SearchEngine bad({stub});
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().message.find("pipes.stub:1") != std::string::npos);
}

TEST_CASE("remote: did you mean and names come from a local spelling database", "[remote]") {
  RemoteArchive ra;
  SearchEngine local({ra.archive.p0, ra.archive.p12});
  CHECK(search(local, "ceasfire", false)["suggestion"] == "ceasefire");
  // Xapian's remote backend serves no spelling table: no suggestion, but no error either.
  SearchEngine bare({ra.stub});
  REQUIRE(bare.ok());
  CHECK(search(bare, "ceasfire", false)["suggestion"].is_null());
  // The indexer host writes the spelling database from its shards; the search host keeps it.
  const std::string spelling = ra.archive.dir / "spelling.db";
  auto written = newsearch::write_spelling_database({ra.archive.p0, ra.archive.p12}, spelling);
  REQUIRE(written.ok());
  CHECK(*written > 20);
  EngineOptions options;
  options.spelling_db = spelling;
  SearchEngine remote({ra.stub}, options);
  REQUIRE(remote.ok());
  CHECK(search(remote, "ceasfire", false)["suggestion"] == "ceasefire");
  require_same(local, remote, "ceasfire");
  require_same(local, remote, "person:sanchez");
  CHECK(search(remote, "person:sanchez")["facets"]["people"][0][0] == "Pedro Sanchez");
  // The stub form (for newsearch serve): the spelling database as a local part holding no
  // articles, beside the remote shards; counts and scores do not change.
  testing::write_file(ra.archive.dir / "front.stub", testing::read_file(ra.stub) + "auto spelling.db\n");
  SearchEngine front({ra.archive.dir / "front.stub"});
  REQUIRE(front.ok());
  require_same(local, front, "ceasfire");
  require_same(local, front, "person:sanchez");
  require_same(local, front, "interest rates");
  // Writing it from a remote shard is refused with a reason.
  auto refused = newsearch::write_spelling_database({ra.stub}, ra.archive.dir / "x.db");
  REQUIRE(!refused.ok());
  CHECK(refused.error().message.find("remote") != std::string::npos);
}

TEST_CASE("remote: a dead shard is a clear error or with allow-partial a flagged partial result", "[remote]") {
  RemoteArchive ra;
  ra.s12.stop();
  SearchEngine strict({ra.stub});
  REQUIRE(!strict.ok());
  CHECK(strict.error().message.find("unreachable") != std::string::npos);
  CHECK(strict.error().message.find(ra.s12.address()) != std::string::npos);

  EngineOptions partial_options;
  partial_options.allow_partial = true;
  SearchEngine partial({ra.stub}, partial_options);
  REQUIRE(partial.ok());
  const json j = search(partial, "bank");
  CHECK(j["partial"] == true);
  CHECK(j["notices"].dump().find(ra.s12.address()) != std::string::npos);
  SearchEngine only0({ra.archive.p0});
  CHECK(ranking(j) == ranking(search(only0, "bank")));
  CHECK(!search(only0, "bank")["results"].empty());

  // The CLI: exit 2 with the shard named, or results with --allow-partial.
  const auto cli = testing::run(testing::newsearch("--json --db " + ra.stub + " bank"));
  CHECK(cli.status == 2);
  CHECK(cli.err.find("unreachable") != std::string::npos);
  const auto cli2 = testing::run(testing::newsearch("--json --allow-partial --remote " + ra.s0.address() +
                                                    " --remote " + ra.s12.address() + " bank"));
  CHECK(cli2.status == 0);
  CHECK(json::parse(cli2.out)["partial"] == true);
}

TEST_CASE("remote: a shard that dies between searches fails the search or is left out", "[remote]") {
  RemoteArchive ra;
  EngineOptions partial_options;
  partial_options.allow_partial = true;
  SearchEngine strict({ra.stub}), partial({ra.stub}, partial_options);
  REQUIRE(strict.ok());
  REQUIRE(partial.ok());
  CHECK(search(strict, "bank")["partial"].is_null());
  CHECK(search(partial, "bank")["partial"].is_null());
  ra.s12.stop();
  newsearch::SearchRequest req;
  req.query = "oil";
  auto failed = strict.search(req);
  REQUIRE(!failed.ok());
  CHECK(failed.error().message.find("shard") != std::string::npos);
  auto j = partial.search(req);
  REQUIRE(j.ok());
  CHECK((*j)["partial"] == true);
  SearchEngine only0({ra.archive.p0});
  CHECK(ranking(*j) == ranking(search(only0, "oil", false)));
}
