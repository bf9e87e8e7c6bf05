#pragma once
// The HTTP server of `newsearch serve` as an object: bind, run until stopped, stop from any
// thread. run_serve() wraps it for the command line; the tests drive it directly.
#include <atomic>
#include <memory>
#include <string>

#include "common/result.hpp"
#include "searcher/serve_options.hpp"

namespace httplib {
class Server;
}

namespace newsearch {

class EnginePerThread;
class ResponseCache;

class SearchServer {
 public:
  explicit SearchServer(ServeOptions options);
  ~SearchServer();
  SearchServer(const SearchServer&) = delete;
  SearchServer& operator=(const SearchServer&) = delete;

  /// Binds options.bind:options.port (port 0: a free port); returns the port bound.
  Result<int> bind();

  /// Serves on the bound socket until stop(); false if it could not.
  bool run();

  /// Stops run() from any thread (also before run() has started); waits for nothing.
  void stop();

  /// "http://127.0.0.1:8080/" once bound ("[::1]" for IPv6 addresses).
  std::string url() const;

 private:
  ServeOptions options_;
  int port_ = -1;
  int listen_socket_ = -1;
  std::atomic<bool> running_{false};
  std::atomic<bool> stop_requested_{false};
  std::unique_ptr<EnginePerThread> engines_;
  std::unique_ptr<ResponseCache> cache_;
  std::unique_ptr<httplib::Server> server_;
};

}  // namespace newsearch
