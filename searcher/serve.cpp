#include "searcher/serve.hpp"

#include <sys/resource.h>

#include <csignal>
#include <cstdio>

#include "searcher/search_engine.hpp"
#include "searcher/serve_server.hpp"
#include "searcher/serve_signals.hpp"

namespace newsearch {

namespace {

bool is_loopback(const std::string& address) {
  return address == "localhost" || address == "::1" || address.rfind("127.", 0) == 0;
}

// Every worker thread keeps its own database handles (two once it has made a page on two
// threads, one more per shard, each a handful of open files): 64 threads over two shards
// can pass the usual soft limit of 1,024 open files. It is raised to the hard limit, as Go's
// runtime does for every server.
void raise_open_file_limit() {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
    limit.rlim_cur = limit.rlim_max;
    setrlimit(RLIMIT_NOFILE, &limit);
  }
}

void print_error(const Error& e) {
  std::fprintf(stderr, "newsearch serve: error: %s\n", e.message.c_str());
  if (!e.hint.empty()) std::fprintf(stderr, "hint: %s\n", e.hint.c_str());
}

}  // namespace

int run_serve(const ServeOptions& options) {
  // A mistyped --db should fail now, not as a 503 on the first search.
  {
    SearchEngine probe(options.databases);
    if (!probe.ok()) {
      print_error(probe.error());
      return 2;
    }
  }
  // A client that hangs up mid-answer must not end the server.
  std::signal(SIGPIPE, SIG_IGN);
  raise_open_file_limit();
  SearchServer server(options);
  auto port = server.bind();
  if (!port) {
    print_error(port.error());
    return 2;
  }
  if (!is_loopback(options.bind))
    std::fprintf(stderr, "newsearch serve: warning: listening on %s: reachable from other machines\n",
                 options.bind.c_str());
  // Scripts and tests read the URL (and so the port chosen for --port 0) from this line.
  std::printf("newsearch: serving %s (Ctrl-C to stop)\n", server.url().c_str());
  std::fflush(stdout);
  bool ok;
  {
    StopOnSignals stop_on_signals([&server] { server.stop(); });
    ok = server.run();
  }
  if (!ok) {
    print_error(Error{"the server stopped unexpectedly", "", 2});
    return 2;
  }
  std::fprintf(stderr, "newsearch: stopped\n");
  return 0;
}

int serve_main(int argc, char** argv) {
  ServeCommandLine cl = parse_serve_options(argc, argv);
  if (cl.exit_status) return *cl.exit_status;
  return run_serve(cl.options);
}

}  // namespace newsearch
