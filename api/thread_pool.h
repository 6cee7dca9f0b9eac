// The server's worker threads. Each answers one complete request at a time
// (connection_gate.h reads requests before they get here), so the pool only
// needs to be as large as the number of requests answered at once. It grows
// on demand up to a limit, so a few slow searches do not queue an editor's
// request behind them, and shrinks again when threads sit idle.
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
