#include "api/thread_pool.h"

#include <thread>

namespace lc::api {

ElasticThreadPool::ElasticThreadPool(std::size_t min_threads, std::size_t max_threads,
                                     std::chrono::seconds idle_exit)
    : min_threads_(min_threads),
      max_threads_(std::max(min_threads, max_threads)),
      idle_exit_(idle_exit) {
    std::lock_guard lock(mutex_);
    for (std::size_t i = 0; i < min_threads_; ++i) start_thread();
}

ElasticThreadPool::~ElasticThreadPool() {
    shutdown();
}

void ElasticThreadPool::start_thread() {
    ++threads_;
    std::thread([this] { work(); }).detach();
}

void ElasticThreadPool::enqueue(std::function<void()> job) {
    std::lock_guard lock(mutex_);
    if (stopping_) return;
    jobs_.push_back(std::move(job));
    // More waiting work than idle threads: grow, up to the limit.
    if (jobs_.size() > idle_ && threads_ < max_threads_) start_thread();
    wake_.notify_one();
}

void ElasticThreadPool::shutdown() {
    std::unique_lock lock(mutex_);
    stopping_ = true;
    wake_.notify_all();
    finished_.wait(lock, [&] { return threads_ == 0; });
}

std::size_t ElasticThreadPool::threads() const {
    std::lock_guard lock(mutex_);
    return threads_;
}

void ElasticThreadPool::work() {
    std::unique_lock lock(mutex_);
    for (;;) {
        ++idle_;
        bool woken = wake_.wait_for(lock, idle_exit_, [&] { return stopping_ || !jobs_.empty(); });
        --idle_;
        if (jobs_.empty()) {
            // Leave when stopping, or when idle for a while and above the minimum.
            if (stopping_ || (!woken && threads_ > min_threads_)) break;
            continue;
        }
        auto job = std::move(jobs_.front());
        jobs_.pop_front();
        lock.unlock();
        job();
        lock.lock();
    }
    --threads_;
    finished_.notify_all();
}

}  // namespace lc::api
