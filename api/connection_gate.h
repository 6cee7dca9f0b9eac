// The server's front door: accepts connections and reads each request in full
// before any worker thread sees it.
//
// Why lc-api has its own (issue 14): cpp-httplib 0.11 gives each open
// connection a worker thread until it closes, and reads a request with only an
// idle timeout, so 600 clients sending a byte every two seconds held every
// worker and the server answered no one; it also stores every header line
// before anyone may count them, reads chunked bodies of any size, and accepts
// without bound. Here one thread watches every connection with epoll and keeps
// what each has sent in a buffer, within these bounds:
//   - a deadline for a whole request (headers and body), however it trickles,
//     and an idle timeout between requests;
//   - the header block's size and line count, checked as bytes arrive
//     (431 before more is stored);
//   - a body needs a Content-Length on POST, PUT and PATCH (411 before it is
//     read), never Transfer-Encoding (411), and at most the body limit (413);
//   - at most `max_connections` open (above: a quick 503 and close), at most
//     `per_address` from one address (trusted proxies exempt).
// A complete request goes to a worker (`Dispatch`), which answers it through
// httplib and gives the connection back (`finished`) for the next one, so an
// idle kept-alive connection holds no thread. Refusals are sent by this
// thread, followed by a bounded "lingering close" that reads and drops what
// the client is still sending, so the answer is not lost to a reset.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "api/httplib_compat.h"

namespace lc::api {

class ConnectionGate {
  public:
    struct Limits {
        std::size_t max_connections = 4096;
        std::size_t per_address = 128;
        std::chrono::milliseconds request_deadline{10'000};
        std::chrono::milliseconds idle{5'000};  // before a request's first byte
        std::size_t max_head_bytes = 64 << 10;
        std::size_t max_header_lines = 100;
        std::size_t max_body_bytes = 1 << 20;
        // Requests allowed a larger body (photo uploads), and that limit.
        std::function<bool(std::string_view method, std::string_view target)> larger_body;
        std::size_t max_larger_body_bytes = 0;
    };

    // A complete request on connection `id`; the socket stays the gate's.
    struct Request {
        std::uint64_t id = 0;
        int fd = -1;
        std::string bytes;  // the request line, headers and body
        RequestStream::Peer peer;
        bool continue_sent = false;  // the gate answered "Expect: 100-continue"
        std::size_t served = 0;      // earlier requests on this connection
    };
    using Dispatch = std::function<void(Request)>;
    using Exempt = std::function<bool(const std::string& address)>;

    ConnectionGate(Limits limits, Dispatch dispatch, Exempt exempt_from_address_cap);
    ~ConnectionGate();
    ConnectionGate(const ConnectionGate&) = delete;
    ConnectionGate& operator=(const ConnectionGate&) = delete;

    // Binds and listens; port 0 picks a free one. Returns the port, or -1.
    int bind(const std::string& host, int port);

    // Runs until stop(); then closes every connection it still holds.
    void run();
    // Safe from any thread and before run() (which then returns at once).
    void stop();

    // A worker is done with connection `id`: keep it open for the next
    // request (with what the client already sent beyond this one) or close.
    void finished(std::uint64_t id, bool keep_open);

    std::size_t open_connections() const;

  private:
    struct State;
    std::unique_ptr<State> state_;
};

}  // namespace lc::api
