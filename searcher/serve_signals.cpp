#include "searcher/serve_signals.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>

namespace newsearch {

namespace {

int wake_pipe[2] = {-1, -1};
struct sigaction previous_int, previous_term;
constexpr char kSignalled = 's';
constexpr char kQuit = 'q';

// Async-signal-safe: one write(2), errno preserved.
void on_signal_handler(int) {
  const int saved = errno;
  [[maybe_unused]] auto n = write(wake_pipe[1], &kSignalled, 1);
  errno = saved;
}

}  // namespace

StopOnSignals::StopOnSignals(std::function<void()> on_signal) {
  if (pipe2(wake_pipe, O_CLOEXEC) != 0) return;  // without a pipe, signals keep their default
  struct sigaction sa {};
  sa.sa_handler = on_signal_handler;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = SA_RESTART;
  sigaction(SIGINT, &sa, &previous_int);
  sigaction(SIGTERM, &sa, &previous_term);
  watcher_ = std::thread([fd = wake_pipe[0], on_signal = std::move(on_signal)] {
    bool signalled = false;
    for (;;) {
      char c = 0;
      const ssize_t n = read(fd, &c, 1);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0 || c == kQuit) return;
      if (!signalled) on_signal();
      signalled = true;
    }
  });
}

StopOnSignals::~StopOnSignals() {
  if (!watcher_.joinable()) return;
  sigaction(SIGINT, &previous_int, nullptr);
  sigaction(SIGTERM, &previous_term, nullptr);
  [[maybe_unused]] auto n = write(wake_pipe[1], &kQuit, 1);
  watcher_.join();
  close(wake_pipe[0]);
  close(wake_pipe[1]);
  wake_pipe[0] = wake_pipe[1] = -1;
}

}  // namespace newsearch
