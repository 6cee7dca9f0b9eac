#include "api/early_refusal.h"

#include <arpa/inet.h>
#include <dirent.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <optional>
#include <string>

#include "api/errors.h"
#include "api/http_util.h"

namespace lc::api {

namespace {

// More header lines than any browser or tool sends; httplib limits each line
// (8 KB) but not their number.
constexpr std::size_t kMaxHeaderLines = 100;

// The lingering close: read and drop at most this much, for at most this
// long, and stop after this long without data.
constexpr std::size_t kMaxDrainBytes = 16 << 20;
constexpr auto kMaxDrainTime = std::chrono::seconds(5);
constexpr auto kDrainIdle = std::chrono::seconds(1);

bool valid_percent_encoding(const std::string& target) {
    auto hex = [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; };
    for (std::size_t i = 0; i < target.size(); ++i)
        if (target[i] == '%' &&
            (i + 2 >= target.size() || !hex(target[i + 1]) || !hex(target[i + 2])))
            return false;
    return true;
}

bool has_control_character(const std::string& s) {
    for (unsigned char c : s)
        if (c < 0x20 || c == 0x7F) return true;
    return false;
}

// Whether socket `fd` is connected to `addr`:`port` (in the numeric form
// httplib gives Request::remote_addr).
bool peer_is(int fd, const std::string& addr, int port) {
    sockaddr_storage peer{};
    socklen_t size = sizeof peer;
    if (::getpeername(fd, reinterpret_cast<sockaddr*>(&peer), &size) != 0) return false;
    char text[INET6_ADDRSTRLEN] = {};
    int peer_port = 0;
    if (peer.ss_family == AF_INET) {
        const auto* in = reinterpret_cast<const sockaddr_in*>(&peer);
        ::inet_ntop(AF_INET, &in->sin_addr, text, sizeof text);
        peer_port = ntohs(in->sin_port);
    } else if (peer.ss_family == AF_INET6) {
        const auto* in = reinterpret_cast<const sockaddr_in6*>(&peer);
        ::inet_ntop(AF_INET6, &in->sin6_addr, text, sizeof text);
        peer_port = ntohs(in->sin6_port);
    } else {
        return false;
    }
    return peer_port == port && addr == text;
}

// The socket of the connection a request came on, found by the client's
// address and port (unique among open connections): httplib 0.11 gives
// handlers no way to it. -1 when not found.
int connection_socket(const std::string& addr, int port) {
    DIR* dir = ::opendir("/proc/self/fd");
    if (!dir) return -1;
    int found = -1;
    while (const dirent* entry = ::readdir(dir)) {
        if (!std::isdigit(static_cast<unsigned char>(entry->d_name[0]))) continue;
        int fd = std::atoi(entry->d_name);
        if (fd != ::dirfd(dir) && peer_is(fd, addr, port)) {
            found = fd;
            break;
        }
    }
    ::closedir(dir);
    return found;
}

// Ends our side (the answer is complete), then reads and drops what the client
// still sends until it closes, pauses, or the limits are reached.
void drain(int fd) {
    using Clock = std::chrono::steady_clock;
    ::shutdown(fd, SHUT_WR);
    const auto deadline = Clock::now() + kMaxDrainTime;
    std::size_t dropped = 0;
    char buffer[16384];
    while (dropped < kMaxDrainBytes) {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
        if (left.count() <= 0) return;
        pollfd p{fd, POLLIN, 0};
        int ready = ::poll(
            &p, 1, static_cast<int>(std::min<std::chrono::milliseconds>(left, kDrainIdle).count()));
        if (ready < 0 && errno == EINTR) continue;
        if (ready <= 0) return;
        ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return;
        dropped += static_cast<std::size_t>(n);
    }
}

// Sends the answer already in `res`, drains and closes the connection.
// httplib 0.11 ignores "Connection: close" in a response and ends a
// connection only when writing fails, so the body goes out through a content
// provider that reports failure once it has written everything.
void close_after(const httplib::Request& req, httplib::Response& res) {
    auto body = std::make_shared<const std::string>(std::move(res.body));
    res.body.clear();
    const std::string type = res.get_header_value("Content-Type");
    res.headers.erase("Content-Type");
    res.set_header("Connection", "close");
    res.set_content_provider(body->size(), type,
                             [body, addr = req.remote_addr, port = req.remote_port](
                                 std::size_t offset, std::size_t length, httplib::DataSink& sink) {
                                 if (sink.write(body->data() + offset, length))
                                     if (int fd = connection_socket(addr, port); fd >= 0) drain(fd);
                                 return false;
                             });
}

}  // namespace

bool refused_early(const Config& config, const httplib::Request& req, httplib::Response& res) {
    auto refuse = [&](int status, const std::string& code, const std::string& message,
                      const std::optional<std::string>& parameter = std::nullopt) {
        write_error(res, status, code, message, parameter);
        close_after(req, res);
        return true;
    };
    if (req.version == "HTTP/1.1" && !req.has_header("Host"))
        return refuse(400, "bad_request", "an HTTP/1.1 request needs a Host header", "Host");
    if (req.headers.size() > kMaxHeaderLines)
        return refuse(431, "headers_too_large",
                      "at most " + std::to_string(kMaxHeaderLines) + " header lines");
    // httplib keeps "%zz" and a lone "%" as they are, and decodes "%00" into
    // the path, where it cut a file name short: /js/main.js%00.html served
    // the script as text/html.
    if (!valid_percent_encoding(req.target))
        return refuse(400, "bad_request", "the address has a malformed percent-encoding");
    if (has_control_character(req.path))
        return refuse(400, "bad_request", "the address contains a control character");
    // httplib reads a chunked body whole, whatever its size (payload_max_length
    // applies to Content-Length only); no client of ours sends one.
    if (req.has_header("Transfer-Encoding"))
        return refuse(411, "length_required",
                      "send the body with a Content-Length; chunked bodies are not accepted",
                      "Transfer-Encoding");
    if (req.has_header("Content-Length")) {
        const std::string length = req.get_header_value("Content-Length");
        std::uint64_t n = 0;
        auto [end, ec] = std::from_chars(length.data(), length.data() + length.size(), n);
        if (req.get_header_value_count("Content-Length") != 1 || length.empty() ||
            ec != std::errc() || end != length.data() + length.size())
            return refuse(400, "bad_request", "Content-Length must be one whole number",
                          "Content-Length");
        // httplib would read the whole body (or wait out the read timeout)
        // before answering 413.
        if (n > config.max_body_bytes)
            return refuse(413, "payload_too_large", "the request body is too large");
    }
    // Form bodies httplib parses itself, before a route could answer 415.
    const std::string media = media_type(req);
    if (media == "multipart/form-data" || media == "application/x-www-form-urlencoded")
        return refuse(415, "unsupported_media_type",
                      "send the entry as Content-Type: application/json", "Content-Type");
    return false;
}

}  // namespace lc::api
