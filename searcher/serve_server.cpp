#include "searcher/serve_server.hpp"

#include <httplib.h>
#include <sys/socket.h>

#include <chrono>
#include <cstdio>
#include <thread>

#include "searcher/http_responses.hpp"
#include "searcher/serve_engines.hpp"
#include "searcher/serve_cache.hpp"
#include "searcher/serve_routes.hpp"

namespace newsearch {

namespace {

// Requests carry no body; anything larger than this is not one of ours.
constexpr std::size_t kMaxPayload = 16 * 1024;
// cpp-httplib gives each connection a worker thread for as long as it stays open: idle
// browser connections are let go soon, and a busy one is closed after some requests so that
// connections beyond --threads get their turn instead of waiting for ever.
constexpr time_t kKeepAliveSeconds = 2;
constexpr std::size_t kKeepAliveRequests = 100;

}  // namespace

SearchServer::SearchServer(ServeOptions options)
    : options_(std::move(options)),
      engines_(std::make_unique<EnginePerThread>(options_.databases)),
      cache_(std::make_unique<ResponseCache>(options_.cache_mb * 1024 * 1024)),
      server_(std::make_unique<httplib::Server>()) {
  httplib::Server& s = *server_;
  const std::size_t threads = options_.threads;
  s.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  s.set_default_headers(security_headers());
  s.set_payload_max_length(kMaxPayload);
  s.set_keep_alive_timeout(kKeepAliveSeconds);
  s.set_keep_alive_max_count(kKeepAliveRequests);
  // httplib's default also sets SO_REUSEPORT, which would let a second server share the
  // port silently; keep SO_REUSEADDR only, and remember the socket to deepen its backlog.
  s.set_socket_options([this](int sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    listen_socket_ = sock;
  });
  // httplib writes headers and body separately: with Nagle's algorithm the body waits for
  // the client's delayed ACK, 40 ms per keep-alive request.
  s.set_tcp_nodelay(true);
  s.set_read_timeout(5);
  s.set_write_timeout(5);
  if (options_.access_log) {
    s.set_logger([](const httplib::Request& req, const httplib::Response& res) {
      // The raw target, with anything unprintable masked: a log line must not be able to
      // send escape sequences to the terminal reading it.
      std::string target = req.target.substr(0, 2048);
      for (char& c : target)
        if (static_cast<unsigned char>(c) < 0x21 || static_cast<unsigned char>(c) >= 0x7f) c = '?';
      std::fprintf(stderr, "%s %s %d %zu\n", req.method.c_str(), target.c_str(), res.status, res.body.size());
    });
  }
  add_routes(s, *engines_, *cache_);
}

SearchServer::~SearchServer() {
  server_->stop();
}

Result<int> SearchServer::bind() {
  const int port = options_.port == 0 ? server_->bind_to_any_port(options_.bind)
                                      : (server_->bind_to_port(options_.bind, options_.port) ? options_.port : -1);
  if (port < 0)
    return Error{"cannot listen on " + options_.bind + " port " + std::to_string(options_.port),
                 "is another server using it? try --port 0 for a free port, or check --bind", 2};
  // httplib listens with a backlog of 5: a burst of new connections (a load test, a page
  // with its scripts) would see SYNs dropped and retried a second later.
  if (listen_socket_ >= 0) ::listen(listen_socket_, SOMAXCONN);
  port_ = port;
  return port;
}

bool SearchServer::run() {
  if (port_ < 0) return false;
  running_ = true;
  const bool ok = stop_requested_ || server_->listen_after_bind();
  running_ = false;
  return ok;
}

void SearchServer::stop() {
  stop_requested_ = true;
  // httplib ignores stop() until its accept loop has started: if run() is on its way
  // there, wait for it, or a Ctrl-C right after start would be lost.
  while (running_ && !server_->is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  server_->stop();
}

std::string SearchServer::url() const {
  const bool v6 = options_.bind.find(':') != std::string::npos;
  return "http://" + (v6 ? "[" + options_.bind + "]" : options_.bind) + ":" + std::to_string(port_) + "/";
}

}  // namespace newsearch
