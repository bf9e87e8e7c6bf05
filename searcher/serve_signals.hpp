#pragma once
// Ctrl-C and SIGTERM as an ordinary callback: a signal handler may do almost nothing, so it
// only wakes a watcher thread, which then stops the server.
#include <functional>
#include <thread>

namespace newsearch {

/// While alive, SIGINT and SIGTERM call on_signal (once, on a watcher thread) instead of
/// ending the process. One instance at a time; the previous handlers come back on destruction.
class StopOnSignals {
 public:
  explicit StopOnSignals(std::function<void()> on_signal);
  ~StopOnSignals();
  StopOnSignals(const StopOnSignals&) = delete;
  StopOnSignals& operator=(const StopOnSignals&) = delete;

 private:
  std::thread watcher_;
};

}  // namespace newsearch
