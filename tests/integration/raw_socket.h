// A tiny blocking TCP client over loopback for the integration tests: it sends
// bytes exactly as given (httplib's client normalizes paths, always sends Host
// and cannot stall half-way) and reads the answer, with timeouts.
#pragma once

#include <arpa/inet.h>
#include <httplib.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <string_view>

namespace lc::test {

// One HTTP answer as read off the wire.
struct RawReply {
    int status = 0;  // 0: no status line came (closed or timed out first)
    httplib::Headers headers;
    std::string body;
    bool complete = false;  // headers and the whole Content-Length body arrived

    bool answered() const { return status != 0; }
    std::string header(const std::string& name) const {
        auto it = headers.find(name);
        return it == headers.end() ? "" : it->second;
    }
};

class RawSocket {
  public:
    using Clock = std::chrono::steady_clock;

    // Connects to 127.0.0.1:port, from the loopback address `from` when one
    // is given (the server then sees another client); throws when it cannot.
    explicit RawSocket(int port, const char* from = nullptr) {
        fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
        if (fd_ < 0) throw std::runtime_error("socket() failed");
        if (from) {
            sockaddr_in source{};
            source.sin_family = AF_INET;
            ::inet_pton(AF_INET, from, &source.sin_addr);
            if (::bind(fd_, reinterpret_cast<sockaddr*>(&source), sizeof source) != 0) {
                ::close(fd_);
                throw std::runtime_error(std::string("cannot bind to ") + from);
            }
        }
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_port = htons(static_cast<std::uint16_t>(port));
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
            ::close(fd_);
            throw std::runtime_error("cannot connect to port " + std::to_string(port));
        }
    }
    ~RawSocket() {
        if (fd_ >= 0) ::close(fd_);
    }
    RawSocket(const RawSocket&) = delete;
    RawSocket& operator=(const RawSocket&) = delete;

    // Sends all of `data`; false when the server closed or reset the
    // connection first (never SIGPIPE).
    bool send(std::string_view data) {
        while (!data.empty()) {
            ssize_t n = ::send(fd_, data.data(), data.size(), MSG_NOSIGNAL);
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) return false;
            data.remove_prefix(static_cast<std::size_t>(n));
        }
        return true;
    }

    // No more bytes from us (the server's reads then see end of file).
    void shutdown_write() { ::shutdown(fd_, SHUT_WR); }

    // Whether the server has closed (or reset) the connection, as far as seen.
    bool closed() const { return closed_; }

    // Waits until the server closes the connection (recv gives 0 or an
    // error), reading and keeping what comes first. False on timeout.
    bool wait_closed(std::chrono::milliseconds timeout) {
        auto deadline = Clock::now() + timeout;
        while (!closed_)
            if (!read_more(deadline)) return closed_;
        return true;
    }

    // Reads one answer: status line, headers and a Content-Length body (or
    // everything until the connection closes when there is no length).
    RawReply read_reply(std::chrono::milliseconds timeout) {
        auto deadline = Clock::now() + timeout;
        RawReply reply;
        std::size_t end;
        while ((end = buffer_.find("\r\n\r\n")) == std::string::npos)
            if (!read_more(deadline)) return reply;
        std::string head = buffer_.substr(0, end);
        std::size_t body_start = end + 4;
        std::size_t line_end = head.find("\r\n");
        std::string status_line = head.substr(0, line_end);
        if (status_line.rfind("HTTP/1.", 0) != 0 || status_line.size() < 12) return reply;
        reply.status = std::atoi(status_line.c_str() + 9);
        while (line_end != std::string::npos) {
            std::size_t next = head.find("\r\n", line_end + 2);
            std::string line = head.substr(
                line_end + 2, next == std::string::npos ? std::string::npos : next - line_end - 2);
            auto colon = line.find(':');
            if (colon != std::string::npos) {
                auto value = line.substr(colon + 1);
                value.erase(0, value.find_first_not_of(' '));
                reply.headers.emplace(line.substr(0, colon), value);
            }
            line_end = next;
        }
        bool has_length = reply.headers.count("Content-Length") == 1;
        std::size_t length = has_length ? std::stoul(reply.header("Content-Length")) : 0;
        while (has_length ? buffer_.size() < body_start + length : !closed_)
            if (!read_more(deadline)) break;
        reply.body = buffer_.substr(body_start, has_length ? length : std::string::npos);
        reply.complete = has_length ? reply.body.size() == length : closed_;
        buffer_.erase(0, std::min(buffer_.size(), body_start + reply.body.size()));
        return reply;
    }

  private:
    // One recv within the deadline, appended to the buffer. False on
    // timeout or when the connection is closed.
    bool read_more(Clock::time_point deadline) {
        if (closed_) return false;
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
        if (left.count() <= 0) return false;
        pollfd p{fd_, POLLIN, 0};
        int ready = ::poll(&p, 1, static_cast<int>(left.count()));
        if (ready < 0 && errno == EINTR) return true;
        if (ready <= 0) return false;
        char chunk[65536];
        ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
        if (n < 0 && errno == EINTR) return true;
        if (n <= 0) {
            closed_ = true;
            return false;
        }
        buffer_.append(chunk, static_cast<std::size_t>(n));
        return true;
    }

    int fd_ = -1;
    std::string buffer_;
    bool closed_ = false;
};

// Sends `request` on a new connection and reads one answer.
inline RawReply raw_exchange(int port, std::string_view request,
                             std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
    RawSocket s(port);
    s.send(request);
    return s.read_reply(timeout);
}

}  // namespace lc::test
