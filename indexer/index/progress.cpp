#include "index/progress.h"

#include <unistd.h>

namespace lc {

ConsoleProgress::ConsoleProgress(std::FILE* out) : out_(out), tty_(::isatty(::fileno(out)) != 0) {}

void ConsoleProgress::start(const std::string& what, std::size_t total) {
    std::lock_guard lock(mutex_);
    what_ = what;
    total_ = total;
    last_step_ = -1;
    started_ = last_draw_ = std::chrono::steady_clock::now();
    draw(0);
}

void ConsoleProgress::advance(std::size_t done) {
    std::lock_guard lock(mutex_);
    draw(done);
}

void ConsoleProgress::finish() {
    std::lock_guard lock(mutex_);
    draw(total_);
    if (tty_) std::fputc('\n', out_);
    std::fflush(out_);
}

void ConsoleProgress::draw(std::size_t done) {
    auto now = std::chrono::steady_clock::now();
    double seconds = std::chrono::duration<double>(now - started_).count();
    double fraction = total_ ? static_cast<double>(done) / static_cast<double>(total_) : 1.0;
    if (tty_) {
        // Redraw at most ten times a second, and always at the end.
        if (done != total_ && now - last_draw_ < std::chrono::milliseconds(100)) return;
        last_draw_ = now;
        constexpr int kWidth = 30;
        int filled = static_cast<int>(fraction * kWidth);
        std::string bar(static_cast<std::size_t>(filled), '#');
        bar.resize(kWidth, '.');
        std::fprintf(out_, "\r%s [%s] %zu/%zu (%.0f%%) %.1fs", what_.c_str(), bar.c_str(), done,
                     total_, fraction * 100, seconds);
    } else {
        int step = static_cast<int>(fraction * 10);
        if (step == last_step_) return;
        last_step_ = step;
        std::fprintf(out_, "%s: %zu/%zu (%d%%) %.1fs\n", what_.c_str(), done, total_, step * 10,
                     seconds);
    }
    std::fflush(out_);
}

}  // namespace lc
