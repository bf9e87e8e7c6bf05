#include "searcher/worker_thread.hpp"

#include <pthread.h>
#include <sched.h>

namespace newsearch {

WorkerThread::WorkerThread() : thread_([this] { loop(); }) {}

WorkerThread::~WorkerThread() {
  {
    std::lock_guard lock(mutex_);
    quit_ = true;
  }
  wake_.notify_one();
  thread_.join();
}

std::future<void> WorkerThread::run(std::function<void()> task) {
  std::packaged_task<void()> packaged(std::move(task));
  std::future<void> done = packaged.get_future();
  {
    std::lock_guard lock(mutex_);
    tasks_.push_back(std::move(packaged));
  }
  keep_off_this_cpu();
  wake_.notify_one();
  return done;
}

void WorkerThread::keep_off_this_cpu() {
  const int here = sched_getcpu();
  if (here < 0 || here == avoided_cpu_) return;
  cpu_set_t allowed;
  if (sched_getaffinity(0, sizeof allowed, &allowed) != 0) return;
  CPU_CLR(here, &allowed);
  if (CPU_COUNT(&allowed) == 0) return;  // one CPU: nowhere else to run
  if (pthread_setaffinity_np(thread_.native_handle(), sizeof allowed, &allowed) == 0) avoided_cpu_ = here;
}

void WorkerThread::loop() {
  for (;;) {
    std::packaged_task<void()> task;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [this] { return quit_ || !tasks_.empty(); });
      if (tasks_.empty()) return;  // quit_, nothing left to run
      task = std::move(tasks_.front());
      tasks_.pop_front();
    }
    task();  // an exception is stored in the task's future
  }
}

}  // namespace newsearch
