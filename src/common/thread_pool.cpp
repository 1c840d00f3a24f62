// thread_pool.cpp -- fixed worker pool.
#include "common/thread_pool.hpp"

#include <algorithm>
#include <atomic>
#include <exception>

namespace helicase {

unsigned ThreadPool::hardware_threads() {
  const unsigned n = std::thread::hardware_concurrency();
  return n == 0 ? 1 : n;
}

ThreadPool::ThreadPool(unsigned threads) : size_(threads == 0 ? hardware_threads() : threads) {
  // The caller participates in parallel_for, so size_ - 1 workers give size_-way parallelism,
  // but submit() needs at least one worker to make progress on its own.
  const unsigned workers = std::max(1u, size_ - 1);
  workers_.reserve(workers);
  for (unsigned i = 0; i < workers; ++i) workers_.emplace_back([this] { worker_loop(); });
}

ThreadPool::~ThreadPool() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  cv_.notify_all();
  for (auto& t : workers_) t.join();
}

std::future<void> ThreadPool::submit(std::function<void()> task) {
  std::packaged_task<void()> pt(std::move(task));
  auto fut = pt.get_future();
  {
    std::lock_guard lock(mutex_);
    queue_.push_back(std::move(pt));
  }
  cv_.notify_one();
  return fut;
}

void ThreadPool::worker_loop() {
  for (;;) {
    std::packaged_task<void()> task;
    {
      std::unique_lock lock(mutex_);
      cv_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping and drained
      task = std::move(queue_.front());
      queue_.pop_front();
    }
    task();
  }
}

void ThreadPool::parallel_for(std::size_t n, const std::function<void(std::size_t)>& fn,
                              std::size_t grain) {
  if (n == 0) return;
  grain = std::max<std::size_t>(1, grain);
  const std::size_t chunks = (n + grain - 1) / grain;
  std::vector<std::exception_ptr> errors(chunks);
  std::atomic<std::size_t> next{0};
  auto run_chunks = [&] {
    for (std::size_t c; (c = next.fetch_add(1)) < chunks;) {
      try {
        const std::size_t end = std::min(n, (c + 1) * grain);
        for (std::size_t i = c * grain; i < end; ++i) fn(i);
      } catch (...) {
        errors[c] = std::current_exception();
      }
    }
  };
  const std::size_t helpers = std::min<std::size_t>(size_ - 1, chunks - 1);
  std::vector<std::future<void>> pending;
  pending.reserve(helpers);
  for (std::size_t h = 0; h < helpers; ++h) pending.push_back(submit(run_chunks));
  run_chunks();
  for (auto& f : pending) f.get();
  for (auto& e : errors) {
    if (e) std::rethrow_exception(e);
  }
}

}  // namespace helicase
