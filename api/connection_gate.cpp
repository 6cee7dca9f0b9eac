#include "api/connection_gate.h"

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "api/client_address.h"
#include "api/http_util.h"

namespace lc::api {

namespace {

using Clock = std::chrono::steady_clock;

// The lingering close after a refusal: read and drop at most this much, for
// at most this long, and stop after this long without data.
constexpr std::size_t kMaxDrainBytes = 16 << 20;
constexpr auto kMaxDrainTime = std::chrono::seconds(5);
constexpr auto kDrainIdle = std::chrono::seconds(1);
// After accept fails for lack of file descriptors, wait this long before trying again.
constexpr auto kAcceptPause = std::chrono::milliseconds(100);
// How often deadlines are checked.
constexpr int kTickMs = 100;

constexpr std::uint64_t kListenId = 0, kWakeId = 1;

bool iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(a[i])) !=
            std::tolower(static_cast<unsigned char>(b[i])))
            return false;
    return true;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

// A whole answer, written by the gate itself: an error body in the API's
// shape, and the connection closed after it.
std::string refusal(int status, const char* reason, const std::string& code,
                    const std::string& message, const char* parameter = nullptr,
                    int retry_after = 0) {
    nlohmann::ordered_json body;
    body["error"] = {{"code", code}, {"message", message}, {"parameter", nullptr}};
    if (parameter) body["error"]["parameter"] = parameter;
    std::string text = body.dump();
    std::string out = "HTTP/1.1 " + std::to_string(status) + " " + reason +
                      "\r\nContent-Type: application/json; charset=utf-8\r\nConnection: close\r\n";
    for (const auto& [name, value] : security_headers())
        out += std::string(name) + ": " + value + "\r\n";
    if (retry_after > 0) out += "Retry-After: " + std::to_string(retry_after) + "\r\n";
    return out + "Content-Length: " + std::to_string(text.size()) + "\r\n\r\n" + text;
}

std::string address_text(const sockaddr_storage& addr, int& port) {
    char text[INET6_ADDRSTRLEN] = {};
    port = 0;
    if (addr.ss_family == AF_INET) {
        const auto* in = reinterpret_cast<const sockaddr_in*>(&addr);
        ::inet_ntop(AF_INET, &in->sin_addr, text, sizeof text);
        port = ntohs(in->sin_port);
    } else if (addr.ss_family == AF_INET6) {
        const auto* in = reinterpret_cast<const sockaddr_in6*>(&addr);
        ::inet_ntop(AF_INET6, &in->sin6_addr, text, sizeof text);
        port = ntohs(in->sin6_port);
    }
    return text;
}

}  // namespace

struct ConnectionGate::State {
    enum class Phase { reading, in_worker, draining };

    struct Connection {
        int fd = -1;
        RequestStream::Peer peer;
        std::string key;  // per-address cap (client_key)
        Phase phase = Phase::reading;
        std::string in;  // what the client sent and no worker has had yet
        // Parsing the head of the request at the front of `in`.
        std::size_t scanned = 0, lines = 0, head_end = 0, body_length = 0;
        bool continue_sent = false;
        std::size_t served = 0;
        Clock::time_point idle_until, deadline;  // deadline: once the request began
        std::size_t drained = 0;                 // draining: bytes dropped
    };

    Limits limits;
    Dispatch dispatch;
    Exempt exempt;
    int listen_fd = -1, epoll_fd = -1, wake_fd = -1;
    std::atomic<bool> stopping{false};
    std::uint64_t next_id = 2;
    std::unordered_map<std::uint64_t, Connection> connections;
    std::unordered_map<std::string, std::size_t> per_key;
    std::atomic<std::size_t> open{0};
    Clock::time_point accept_paused_until{};
    bool listening = false;  // the listening socket is in the epoll set

    std::mutex finished_mutex;
    std::vector<std::pair<std::uint64_t, bool>> finished;

    void watch(int fd, std::uint64_t id) {
        epoll_event ev{};
        ev.events = EPOLLIN | EPOLLRDHUP;
        ev.data.u64 = id;
        ::epoll_ctl(epoll_fd, EPOLL_CTL_ADD, fd, &ev);
    }

    void close_connection(std::uint64_t id) {
        auto it = connections.find(id);
        if (it == connections.end()) return;
        if (it->second.phase != Phase::in_worker)
            ::epoll_ctl(epoll_fd, EPOLL_CTL_DEL, it->second.fd, nullptr);
        ::close(it->second.fd);
        if (auto k = per_key.find(it->second.key); k != per_key.end() && --k->second == 0)
            per_key.erase(k);
        connections.erase(it);
        open = connections.size();
    }

    // Sends a refusal and starts the lingering close.
    void refuse(std::uint64_t id, Connection& c, const std::string& answer) {
        ::send(c.fd, answer.data(), answer.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
        ::shutdown(c.fd, SHUT_WR);
        c.phase = Phase::draining;
        c.in.clear();
        c.in.shrink_to_fit();
        c.deadline = Clock::now() + kMaxDrainTime;
        c.idle_until = Clock::now() + kDrainIdle;
        drain(id, c);
    }

    void drain(std::uint64_t id, Connection& c) {
        char buffer[16384];
        for (;;) {
            ssize_t n = ::recv(c.fd, buffer, sizeof buffer, MSG_DONTWAIT);
            if (n > 0) {
                c.drained += static_cast<std::size_t>(n);
                c.idle_until = Clock::now() + kDrainIdle;
                if (c.drained < kMaxDrainBytes) continue;
            } else if (n < 0 && errno == EINTR) {
                continue;
            } else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
                return;
            }
            return close_connection(id);
        }
    }

    void accept_all() {
        for (;;) {
            sockaddr_storage addr{};
            socklen_t size = sizeof addr;
            int fd = ::accept4(listen_fd, reinterpret_cast<sockaddr*>(&addr), &size,
                               SOCK_NONBLOCK | SOCK_CLOEXEC);
            if (fd < 0) {
                if (errno == EINTR || errno == ECONNABORTED) continue;
                if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS || errno == ENOMEM) {
                    // Level-triggered: stop watching for a moment, or this spins.
                    ::epoll_ctl(epoll_fd, EPOLL_CTL_DEL, listen_fd, nullptr);
                    listening = false;
                    accept_paused_until = Clock::now() + kAcceptPause;
                }
                return;
            }
            admit(fd, addr);
        }
    }

    void admit(int fd, const sockaddr_storage& addr) {
        Connection c;
        c.fd = fd;
        c.peer.remote_addr = address_text(addr, c.peer.remote_port);
        sockaddr_storage local{};
        socklen_t size = sizeof local;
        if (::getsockname(fd, reinterpret_cast<sockaddr*>(&local), &size) == 0)
            c.peer.local_addr = address_text(local, c.peer.local_port);
        c.key = client_key(c.peer.remote_addr);
        const bool full = connections.size() >= limits.max_connections;
        const auto same = per_key.find(c.key);
        const bool crowded = same != per_key.end() && same->second >= limits.per_address &&
                             !(exempt && exempt(c.peer.remote_addr));
        if (full || crowded) {
            static const std::string busy =
                refusal(503, "Service Unavailable", "too_many_connections",
                        "the server is at its connection limit; try again", nullptr, 1);
            static const std::string too_many = refusal(
                503, "Service Unavailable", "too_many_connections",
                "too many connections from your address; close some and try again", nullptr, 1);
            const std::string& answer = full ? busy : too_many;
            ::send(fd, answer.data(), answer.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
            ::shutdown(fd, SHUT_WR);
            // Drop what already arrived, so the close does not reset the answer away.
            char buffer[16384];
            for (int i = 0; i < 4 && ::recv(fd, buffer, sizeof buffer, MSG_DONTWAIT) > 0; ++i) {
            }
            ::close(fd);
            return;
        }
        int one = 1;
        // httplib writes an answer's headers and body separately; with Nagle's
        // algorithm the body waited for the client's delayed ACK (40 ms).
        ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        ++per_key[c.key];
        const std::uint64_t id = next_id++;
        c.idle_until = Clock::now() + limits.idle;
        watch(fd, id);
        connections.emplace(id, std::move(c));
        open = connections.size();
    }

    void on_readable(std::uint64_t id) {
        auto it = connections.find(id);
        if (it == connections.end()) return;
        Connection& c = it->second;
        if (c.phase == Phase::draining) return drain(id, c);
        if (c.phase != Phase::reading) return;
        char buffer[16384];
        for (;;) {
            // Never hold more than the head limit before the head is complete,
            // nor more than the head and its body after.
            const std::size_t room =
                c.head_end
                    ? c.head_end + c.body_length - std::min(c.in.size(), c.head_end + c.body_length)
                    : limits.max_head_bytes + 1 - std::min(c.in.size(), limits.max_head_bytes + 1);
            if (room == 0) break;
            ssize_t n = ::recv(c.fd, buffer, std::min(room, sizeof buffer), 0);
            if (n > 0) {
                if (c.in.empty()) c.deadline = Clock::now() + limits.request_deadline;
                c.idle_until = Clock::now() + limits.idle;
                c.in.append(buffer, static_cast<std::size_t>(n));
                if (!parse(id, c)) return;  // refused or dispatched
                continue;
            }
            if (n < 0 && errno == EINTR) continue;
            if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return;
            return close_connection(id);  // closed by the client, or failed
        }
    }

    // Advances the parse of the request at the front of c.in. False when the
    // connection left the reading phase (refused, dispatched or closed).
    bool parse(std::uint64_t id, Connection& c) {
        if (!c.head_end) {
            while (c.scanned < c.in.size()) {
                if (c.in[c.scanned++] != '\n') continue;
                ++c.lines;
                // The head ends at the first empty line ("\r\n") after the
                // request line, as httplib reads it.
                const std::size_t at = c.scanned - 1;
                if (c.lines >= 2 && c.in[at - 1] == '\r' && c.in[at - 2] == '\n') {
                    c.head_end = c.scanned;
                    break;
                }
                if (c.lines > limits.max_header_lines + 1) {
                    refuse(id, c,
                           refusal(431, "Request Header Fields Too Large", "headers_too_large",
                                   "at most " + std::to_string(limits.max_header_lines) +
                                       " header lines"));
                    return false;
                }
            }
            if (!c.head_end) {
                if (c.in.size() > limits.max_head_bytes) {
                    refuse(id, c,
                           refusal(431, "Request Header Fields Too Large", "headers_too_large",
                                   "the request's headers are over " +
                                       std::to_string(limits.max_head_bytes >> 10) + " KB"));
                    return false;
                }
                return true;
            }
            if (!frame_body(id, c)) return false;
        }
        if (c.in.size() < c.head_end + c.body_length) {
            // A client that asked may wait for this before it sends the body.
            if (!c.continue_sent && expects_continue(c)) {
                static const std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
                ::send(c.fd, kContinue.data(), kContinue.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
                c.continue_sent = true;
            }
            return true;
        }
        hand_over(id, c);
        return false;
    }

    bool expects_continue(const Connection& c) const {
        bool found = false;
        for_each_header(c, [&](std::string_view name, std::string_view value) {
            if (iequals(name, "Expect") && iequals(value, "100-continue")) found = true;
        });
        return found;
    }

    // Calls fn(name, value) for each header line httplib would take: one that
    // ends in CRLF and has a colon (the name is what precedes it, as is).
    template <typename Fn>
    void for_each_header(const Connection& c, Fn&& fn) const {
        std::string_view head(c.in.data(), c.head_end);
        head.remove_prefix(head.find('\n') + 1);
        while (!head.empty()) {
            std::size_t nl = head.find('\n');
            std::string_view line = head.substr(0, nl);
            head.remove_prefix(nl + 1);
            if (line.empty() || line.back() != '\r') continue;
            line.remove_suffix(1);
            std::size_t colon = line.find(':');
            if (colon == std::string_view::npos) continue;
            fn(line.substr(0, colon), trim(line.substr(colon + 1)));
        }
    }

    std::size_t body_limit(const Connection& c, std::string_view method) const {
        if (!limits.larger_body) return limits.max_body_bytes;
        std::string_view line(c.in.data(), std::min(c.in.find('\r'), c.head_end));
        std::size_t start = line.find(' ');
        std::size_t end = line.find(' ', start + 1);
        if (start == std::string_view::npos || end == std::string_view::npos)
            return limits.max_body_bytes;
        return limits.larger_body(method, line.substr(start + 1, end - start - 1))
                   ? limits.max_larger_body_bytes
                   : limits.max_body_bytes;
    }

    // From the head: how long the body is, or a refusal.
    bool frame_body(std::uint64_t id, Connection& c) {
        std::size_t lengths = 0;
        bool chunked = false, bad_length = false;
        std::uint64_t length = 0;
        for_each_header(c, [&](std::string_view name, std::string_view value) {
            if (iequals(name, "Transfer-Encoding")) chunked = true;
            if (!iequals(name, "Content-Length")) return;
            ++lengths;
            bad_length = bad_length || value.empty() || value.size() > 18 ||
                         value.find_first_not_of("0123456789") != std::string_view::npos;
            if (!bad_length) length = std::stoull(std::string(value));
        });
        std::string_view method(c.in.data(), std::min(c.in.find(' '), c.head_end));
        const bool takes_body = method == "POST" || method == "PUT" || method == "PATCH";
        std::string answer;
        if (chunked)
            answer = refusal(411, "Length Required", "length_required",
                             "send the body with a Content-Length; chunked bodies are not accepted",
                             "Transfer-Encoding");
        else if (lengths > 1 || bad_length)
            answer = refusal(400, "Bad Request", "bad_request",
                             "Content-Length must be one whole number", "Content-Length");
        else if (lengths == 0 && takes_body)
            answer = refusal(411, "Length Required", "length_required",
                             "send the body with a Content-Length", "Content-Length");
        else if (length > body_limit(c, method))
            answer = refusal(
                413, "Payload Too Large", "payload_too_large",
                "the request body is over " + std::to_string(body_limit(c, method) >> 10) + " KB");
        if (!answer.empty()) {
            refuse(id, c, answer);
            return false;
        }
        c.body_length = static_cast<std::size_t>(length);
        return true;
    }

    void hand_over(std::uint64_t id, Connection& c) {
        Request r;
        r.id = id;
        r.fd = c.fd;
        const std::size_t total = c.head_end + c.body_length;
        r.bytes = c.in.substr(0, total);
        c.in.erase(0, total);
        // A kept-alive connection does not go on holding a large body's buffer.
        if (c.in.capacity() > limits.max_head_bytes) c.in.shrink_to_fit();
        r.peer = c.peer;
        r.continue_sent = c.continue_sent;
        r.served = c.served++;
        c.phase = Phase::in_worker;
        c.scanned = c.lines = c.head_end = c.body_length = 0;
        c.continue_sent = false;
        ::epoll_ctl(epoll_fd, EPOLL_CTL_DEL, c.fd, nullptr);
        dispatch(std::move(r));
    }

    void take_back_finished() {
        std::vector<std::pair<std::uint64_t, bool>> done;
        {
            std::lock_guard lock(finished_mutex);
            done.swap(finished);
        }
        for (auto [id, keep_open] : done) {
            auto it = connections.find(id);
            if (it == connections.end()) continue;
            Connection& c = it->second;
            if (!keep_open || stopping) {
                close_connection(id);
                continue;
            }
            c.phase = Phase::reading;
            c.idle_until = Clock::now() + limits.idle;
            watch(c.fd, id);
            // What the client sent beyond the last request (pipelining).
            if (!c.in.empty()) {
                c.deadline = Clock::now() + limits.request_deadline;
                parse(id, c);
            }
        }
    }

    void check_deadlines() {
        const auto now = Clock::now();
        if (!listening && now >= accept_paused_until) {
            watch(listen_fd, kListenId);
            listening = true;
        }
        std::vector<std::uint64_t> late;
        for (auto& [id, c] : connections) {
            if (c.phase == Phase::in_worker) continue;
            const bool late_now = c.phase == Phase::draining
                                      ? now >= c.idle_until || now >= c.deadline
                                  : c.in.empty() ? now >= c.idle_until  // between requests
                                                 : now >= c.idle_until || now >= c.deadline;
            if (late_now) late.push_back(id);
        }
        static const std::string too_slow = refusal(408, "Request Timeout", "request_timeout",
                                                    "the request did not arrive in time");
        for (auto id : late) {
            Connection& c = connections.at(id);
            if (c.phase == Phase::reading && !c.in.empty())
                refuse(id, c, too_slow);  // a request begun and not finished
            else
                close_connection(id);  // idle between requests, or done draining
        }
    }
};

ConnectionGate::ConnectionGate(Limits limits, Dispatch dispatch, Exempt exempt_from_address_cap)
    : state_(std::make_unique<State>()) {
    state_->limits = limits;
    state_->dispatch = std::move(dispatch);
    state_->exempt = std::move(exempt_from_address_cap);
    state_->epoll_fd = ::epoll_create1(EPOLL_CLOEXEC);
    state_->wake_fd = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    state_->watch(state_->wake_fd, kWakeId);
}

ConnectionGate::~ConnectionGate() {
    for (auto& [id, c] : state_->connections) ::close(c.fd);
    if (state_->listen_fd >= 0) ::close(state_->listen_fd);
    ::close(state_->wake_fd);
    ::close(state_->epoll_fd);
}

int ConnectionGate::bind(const std::string& host, int port) {
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
    addrinfo* found = nullptr;
    if (::getaddrinfo(host.c_str(), std::to_string(port).c_str(), &hints, &found) != 0) return -1;
    int fd = -1;
    for (addrinfo* a = found; a && fd < 0; a = a->ai_next) {
        fd = ::socket(a->ai_family, a->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, a->ai_protocol);
        if (fd < 0) continue;
        int one = 1;
        ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
        // A burst of connections (a page's files, many clients at once) waits
        // in the kernel's queue rather than being retried a second later; the
        // kernel caps it at net.core.somaxconn.
        if (::bind(fd, a->ai_addr, a->ai_addrlen) != 0 || ::listen(fd, 1024) != 0) {
            ::close(fd);
            fd = -1;
        }
    }
    ::freeaddrinfo(found);
    if (fd < 0) return -1;
    sockaddr_storage addr{};
    socklen_t size = sizeof addr;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &size);
    int bound = 0;
    address_text(addr, bound);
    state_->listen_fd = fd;
    state_->watch(fd, kListenId);
    state_->listening = true;
    return bound;
}

void ConnectionGate::run() {
    State& s = *state_;
    epoll_event events[256];
    while (!s.stopping) {
        int n = ::epoll_wait(s.epoll_fd, events, 256, kTickMs);
        if (n < 0 && errno != EINTR) break;
        for (int i = 0; i < n; ++i) {
            const std::uint64_t id = events[i].data.u64;
            if (id == kListenId) {
                s.accept_all();
            } else if (id == kWakeId) {
                std::uint64_t count = 0;
                [[maybe_unused]] auto r = ::read(s.wake_fd, &count, sizeof count);
            } else {
                s.on_readable(id);
            }
        }
        s.take_back_finished();
        s.check_deadlines();
    }
    std::vector<std::uint64_t> idle;
    for (auto& [id, c] : s.connections)
        if (c.phase != State::Phase::in_worker) idle.push_back(id);
    for (auto id : idle) s.close_connection(id);
}

void ConnectionGate::stop() {
    state_->stopping = true;
    std::uint64_t one = 1;
    [[maybe_unused]] auto r = ::write(state_->wake_fd, &one, sizeof one);
}

void ConnectionGate::finished(std::uint64_t id, bool keep_open) {
    {
        std::lock_guard lock(state_->finished_mutex);
        state_->finished.emplace_back(id, keep_open);
    }
    std::uint64_t one = 1;
    [[maybe_unused]] auto r = ::write(state_->wake_fd, &one, sizeof one);
}

std::size_t ConnectionGate::open_connections() const {
    return state_->open.load();
}

}  // namespace lc::api
