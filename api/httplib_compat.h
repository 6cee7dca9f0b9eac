// Every place lc-api works around cpp-httplib 0.11.4 (Debian 12's
// libcpp-httplib-dev, linked, not vendored). Each workaround names the test
// that pins it, so a newer httplib can be tried by deleting one and running
// that test.
//
// The largest: lc-api does not use httplib's accept loop (listen_after_bind),
// which gives every connection a worker thread for as long as it stays open
// and reads requests without a deadline, a header-count bound or a bound on
// chunked bodies. Connections are accepted and requests read by
// connection_gate.h; only complete, bounded requests reach httplib, through
// RequestStream and Server::answer below (process_request is protected, so a
// subclass may call it).
#pragma once

#include <httplib.h>

#include <chrono>
#include <string>

namespace lc::api {

// One request already read in full (and whatever the gate answered before it),
// presented to httplib as a Stream: reads come from memory, writes go to the
// client's socket with a deadline.
class RequestStream : public httplib::Stream {
  public:
    struct Peer {
        std::string remote_addr, local_addr;
        int remote_port = 0, local_port = 0;
    };
    RequestStream(int fd, std::string request, Peer peer, std::chrono::milliseconds write_timeout,
                  bool continue_sent);

    bool is_readable() const override { return true; }
    bool is_writable() const override { return !write_failed_; }
    ssize_t read(char* ptr, size_t size) override;
    ssize_t write(const char* ptr, size_t size) override;
    void get_remote_ip_and_port(std::string& ip, int& port) const override;
    void get_local_ip_and_port(std::string& ip, int& port) const override;
    // httplib 0.11.4 answers 500 to any request whose socket number is at or
    // above FD_SETSIZE (1024), because its own reads use select(2). Ours do
    // not, so the socket is not shown to it. Pinned by "2000 held
    // connections do not delay others" (api_transport_test.cpp), which holds
    // more than 1,024 sockets open while probing.
    socket_t socket() const override { return INVALID_SOCKET; }

    bool write_failed() const { return write_failed_; }

  private:
    int fd_;
    std::string request_;
    std::size_t read_at_ = 0;
    Peer peer_;
    std::chrono::milliseconds write_timeout_;
    bool continue_sent_;
    bool write_failed_ = false;
};

class Server : public httplib::Server {
  public:
    // Reads the request in `stream`, routes it and writes the answer. False
    // when the connection must close (as the client asked, or on error).
    bool answer(RequestStream& stream, bool last_on_connection);
};

// httplib 0.11.4 parses Range headers into the request it owns and hands
// handlers as const, applies them to every answer (errors included), and
// serves any number of overlapping ranges ("bytes=0-,0-,..." turned a 6 KB
// request into a 15 MB answer). Ranges are ignored, as a server may (RFC 9110,
// 14.2): this clears them. Called from the pre-routing handler. Pinned by
// "overlapping byte ranges" (hostile_test.cpp).
void drop_ranges(const httplib::Request& req);

// httplib 0.11.4 still calls a file answer 206 and offers ranges to HEAD after
// drop_ranges; called from the post-routing handler. Same test.
void undo_range_answer(httplib::Response& res);

// httplib 0.11.4 compresses only when the Content-Type is exactly
// "application/json", never "application/json; charset=utf-8" as ours are;
// this gzips such a body when the client accepts gzip. Call after the handler
// has written `res`. Pinned by "JSON answers are gzipped for clients that
// accept it" (api_transport_test.cpp).
void compress_json(const httplib::Request& req, httplib::Response& res);

}  // namespace lc::api
