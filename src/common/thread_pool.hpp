// thread_pool.hpp -- a fixed pool of worker threads for leaf tasks.
//
// Contract: tasks must not block waiting for other pool tasks (that can deadlock a full
// pool); producers that wait on results run on their own threads and use the pool only
// for leaf work. parallel_for() runs on the workers and the calling thread, rethrows the
// first exception (by lowest index, so the error reported never depends on timing), and
// returns when every item is done. A pool of size 1 runs everything on the caller.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <future>
#include <mutex>
#include <thread>
#include <vector>

namespace helicase {

class ThreadPool {
 public:
  // threads = total parallelism including the calling thread; 0 means all cores.
  explicit ThreadPool(unsigned threads = 0);
  ~ThreadPool();
  ThreadPool(const ThreadPool&) = delete;
  ThreadPool& operator=(const ThreadPool&) = delete;

  unsigned size() const { return size_; }

  std::future<void> submit(std::function<void()> task);

  // Calls fn(i) for i in [0, n), possibly in parallel, in chunks of `grain` items.
  void parallel_for(std::size_t n, const std::function<void(std::size_t)>& fn,
                    std::size_t grain = 1);

  static unsigned hardware_threads();

 private:
  void worker_loop();

  unsigned size_;
  std::vector<std::thread> workers_;
  std::deque<std::packaged_task<void()>> queue_;
  std::mutex mutex_;
  std::condition_variable cv_;
  bool stopping_ = false;
};

}  // namespace helicase
