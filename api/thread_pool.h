// The server's worker threads. cpp-httplib gives each connection a worker
// for as long as it stays open (keep-alive), so a fixed pool smaller than the
// number of open connections makes later clients wait for earlier ones to
// leave. This pool grows on demand up to a limit and shrinks again when
// threads sit idle, so 64 busy connections get 64 workers, and one editor's
// request is not queued behind them.
#pragma once

#include <httplib.h>

#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>

namespace lc::api {

class ElasticThreadPool : public httplib::TaskQueue {
  public:
    ElasticThreadPool(std::size_t min_threads, std::size_t max_threads,
                      std::chrono::seconds idle_exit = std::chrono::seconds(30));
    ~ElasticThreadPool() override;

    void enqueue(std::function<void()> job) override;
    void shutdown() override;  // runs what is queued, then waits for every thread

    std::size_t threads() const;

  private:
    void start_thread();  // with the mutex held
    void work();

    const std::size_t min_threads_, max_threads_;
    const std::chrono::seconds idle_exit_;
    mutable std::mutex mutex_;
    std::condition_variable wake_, finished_;
    std::deque<std::function<void()>> jobs_;
    std::size_t threads_ = 0, idle_ = 0;
    bool stopping_ = false;
};

}  // namespace lc::api
