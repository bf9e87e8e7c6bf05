#pragma once
// One thread that runs the tasks it is given, in turn, and otherwise waits. Waking a waiting
// thread costs about 10 microseconds here; starting a new one (std::async) took 40-200 in a
// search, more than half of what a page's second thread saves (hit_texts.hpp).
#include <condition_variable>
#include <deque>
#include <functional>
#include <future>
#include <mutex>
#include <thread>

namespace newsearch {

class WorkerThread {
 public:
  WorkerThread();
  /// Finishes the tasks given, then joins the thread.
  ~WorkerThread();
  WorkerThread(const WorkerThread&) = delete;
  WorkerThread& operator=(const WorkerThread&) = delete;

  /// Runs `task` on the thread; the future is ready once it has run, holding what it threw.
  std::future<void> run(std::function<void()> task);

 private:
  void loop();
  // Linux wakes a thread on the CPU of the thread that wakes it, when it can: the worker
  // then waits for that CPU while another is idle, and the two run one after the other.
  void keep_off_this_cpu();

  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::packaged_task<void()>> tasks_;
  bool quit_ = false;
  int avoided_cpu_ = -1;  // the CPU the worker is kept off, if any
  std::thread thread_;  // last: started once the members it uses exist
};

}  // namespace newsearch
