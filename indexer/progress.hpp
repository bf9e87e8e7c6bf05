#pragma once
// Progress on stderr: a redrawn bar on a terminal, a plain line every few seconds
// otherwise, nothing with --quiet. Warnings go through it so they never tear the bar.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

namespace newsearch {

class Progress {
 public:
  Progress(bool quiet, std::size_t total_files);
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  void file_done(std::size_t articles, std::uint64_t bytes);
  /// Prints one warning line (always, even when quiet: warnings are not progress).
  void warn(const std::string& line);
  /// Stops the display and clears the bar.
  void finish();

 private:
  void loop();
  void draw(bool final_line);

  bool quiet_;
  bool tty_;
  std::size_t total_;
  std::atomic<std::size_t> files_{0};
  std::atomic<std::size_t> articles_{0};
  std::atomic<std::uint64_t> bytes_{0};
  std::chrono::steady_clock::time_point start_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stop_ = false;
  bool bar_shown_ = false;
  std::thread thread_;
};

}  // namespace newsearch
