#include "index/index_location.h"

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <fstream>

#include "util/error.h"
#include "util/sha256.h"

namespace lc {

namespace fs = std::filesystem;

namespace {

constexpr const char* kCurrentFile = "CURRENT";

void fsync_path(const fs::path& p, bool directory) {
    int fd = ::open(p.c_str(), directory ? O_RDONLY | O_DIRECTORY : O_RDONLY);
    if (fd < 0) return;
    ::fsync(fd);
    ::close(fd);
}

std::string timestamp() {
    auto now = std::chrono::system_clock::now().time_since_epoch();
    return std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(now).count());
}

}  // namespace

IndexLocation::IndexLocation(const fs::path& data_dir) : root_(data_dir / "index") {}

std::optional<fs::path> IndexLocation::current() const {
    // Only "no such file" means there is no index. Any other failure (out of
    // file descriptors or memory, the file being replaced) is passing: taken
    // for "no index", it started a rebuild that failed the same way and left
    // search down for good.
    const fs::path pointer = root_ / kCurrentFile;
    int fd = ::open(pointer.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        if (errno == ENOENT || errno == ENOTDIR) return std::nullopt;
        throw IndexNotReady(std::string("the search index cannot be opened just now (") +
                            std::strerror(errno) + "); try again");
    }
    char buffer[256];
    ssize_t n = ::read(fd, buffer, sizeof buffer);
    const int read_errno = errno;
    ::close(fd);
    if (n < 0)
        throw IndexNotReady(std::string("the search index cannot be opened just now (") +
                            std::strerror(read_errno) + "); try again");
    std::string name(buffer, static_cast<std::size_t>(n));
    name = name.substr(0, name.find('\n'));
    if (name.empty()) return std::nullopt;
    // The message may reach a client: it names no server path.
    if (name.find('/') != std::string::npos || name.find("..") != std::string::npos)
        throw StoreError("the index pointer (index/CURRENT) is damaged");
    return root_ / name;
}

fs::path IndexLocation::new_build_dir() const {
    return root_ / ("build-" + std::to_string(::getpid()) + "-" + random_hex(4));
}

fs::path IndexLocation::publish(const fs::path& build_dir) const {
    fs::path generation = root_ / ("gen-" + timestamp() + "-" + random_hex(4));
    fs::rename(build_dir, generation);
    fs::path tmp = root_ / (std::string(kCurrentFile) + ".tmp-" + random_hex(4));
    {
        std::ofstream out(tmp, std::ios::trunc);
        out << generation.filename().string() << "\n";
        out.flush();
        if (!out) throw StoreError("cannot write " + tmp.string());
    }
    fsync_path(tmp, false);
    fs::rename(tmp, root_ / kCurrentFile);
    fsync_path(root_, true);
    // Readers still holding an older generation keep their open files.
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(root_, ec)) {
        auto name = e.path().filename().string();
        if (name.starts_with("gen-") && e.path() != generation) fs::remove_all(e.path(), ec);
    }
    return generation;
}

void IndexLocation::remove_stale_builds() const {
    std::error_code ec;
    if (!fs::exists(root_, ec)) return;
    for (const auto& e : fs::directory_iterator(root_, ec)) {
        auto name = e.path().filename().string();
        if (name.starts_with("CURRENT.tmp-")) {
            fs::remove(e.path(), ec);
            continue;
        }
        if (!name.starts_with("build-")) continue;
        // build-<pid>-<rand>: stale when that process is gone.
        auto pid = std::atoi(name.substr(6).c_str());
        if (pid <= 0 || (::kill(pid, 0) != 0 && errno == ESRCH)) fs::remove_all(e.path(), ec);
    }
}

std::uintmax_t IndexLocation::current_size() const {
    auto dir = current();
    if (!dir) return 0;
    std::uintmax_t total = 0;
    std::error_code ec;
    for (const auto& e : fs::recursive_directory_iterator(*dir, ec))
        if (e.is_regular_file(ec)) total += e.file_size(ec);
    return total;
}

}  // namespace lc
