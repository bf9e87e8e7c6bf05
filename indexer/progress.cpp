#include "indexer/progress.hpp"

#include <unistd.h>

#include <cstdio>

namespace newsearch {

Progress::Progress(bool quiet, std::size_t total_files)
    : quiet_(quiet), tty_(isatty(STDERR_FILENO) != 0), total_(total_files), start_(std::chrono::steady_clock::now()) {
  if (!quiet_) thread_ = std::thread([this] { loop(); });
}

Progress::~Progress() { finish(); }

void Progress::file_done(std::size_t articles, std::uint64_t bytes) {
  files_.fetch_add(1, std::memory_order_relaxed);
  articles_.fetch_add(articles, std::memory_order_relaxed);
  bytes_.fetch_add(bytes, std::memory_order_relaxed);
}

void Progress::warn(const std::string& line) {
  std::lock_guard lock(mutex_);
  if (bar_shown_) std::fputs("\r\033[K", stderr);
  std::fprintf(stderr, "newsindex: warning: %s\n", line.c_str());
  bar_shown_ = false;
}

void Progress::finish() {
  {
    std::lock_guard lock(mutex_);
    if (stop_) return;
    stop_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
  std::lock_guard lock(mutex_);
  if (bar_shown_) std::fputs("\r\033[K", stderr);
  bar_shown_ = false;
}

void Progress::loop() {
  const auto period = tty_ ? std::chrono::milliseconds(200) : std::chrono::milliseconds(10000);
  std::unique_lock lock(mutex_);
  while (!wake_.wait_for(lock, period, [this] { return stop_; })) draw(false);
}

// Called with mutex_ held.
void Progress::draw(bool) {
  const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  const std::size_t done = files_.load(std::memory_order_relaxed);
  const double rate = elapsed > 0 ? static_cast<double>(articles_.load()) / elapsed : 0;
  const double file_rate = elapsed > 0 ? static_cast<double>(done) / elapsed : 0;
  const double eta = file_rate > 0 && total_ > done ? static_cast<double>(total_ - done) / file_rate : 0;
  const double mb = static_cast<double>(bytes_.load()) / 1e6;
  char line[256];
  if (tty_) {
    constexpr int kWidth = 30;
    const int filled = total_ ? static_cast<int>(kWidth * static_cast<double>(done) / static_cast<double>(total_)) : 0;
    std::string bar(static_cast<std::size_t>(filled), '=');
    if (filled < kWidth) bar += '>';
    bar.resize(kWidth, ' ');
    std::snprintf(line, sizeof line, "\r\033[K[%s] %zu/%zu files  %.0f articles/s  %.1f MB  ETA %d:%02d", bar.c_str(),
                  done, total_, rate, mb, static_cast<int>(eta) / 60, static_cast<int>(eta) % 60);
    std::fputs(line, stderr);
    bar_shown_ = true;
  } else {
    std::snprintf(line, sizeof line, "newsindex: %zu/%zu files, %.0f articles/s, %.1f MB, ETA %d:%02d\n", done, total_,
                  rate, mb, static_cast<int>(eta) / 60, static_cast<int>(eta) % 60);
    std::fputs(line, stderr);
  }
  std::fflush(stderr);
}

}  // namespace newsearch
