#include "api/httplib_compat.h"

#include <poll.h>
#include <sys/socket.h>
#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <string_view>

namespace lc::api {

namespace {

constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";

// Bodies smaller than this are not worth a gzip header and a CPU's time.
constexpr std::size_t kMinCompressBytes = 256;

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

// Whether Accept-Encoding lists gzip without "q=0".
bool accepts_gzip(const std::string& header) {
    std::string_view rest = header;
    while (!rest.empty()) {
        std::size_t comma = rest.find(',');
        std::string_view item = rest.substr(0, comma);
        rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
        std::size_t semi = item.find(';');
        std::string_view coding = trim(item.substr(0, semi));
        if (coding != "gzip" && coding != "x-gzip") continue;
        if (semi == std::string_view::npos) return true;
        std::string_view param = trim(item.substr(semi + 1));
        if (!param.starts_with("q=")) return true;
        param.remove_prefix(2);
        return param.find_first_not_of("0.") != std::string_view::npos;
    }
    return false;
}

bool gzip(const std::string& in, std::string& out) {
    z_stream z{};
    // 15 window bits + 16: a gzip header and trailer rather than zlib's.
    if (deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        return false;
    out.resize(deflateBound(&z, static_cast<uLong>(in.size())));
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
    z.avail_in = static_cast<uInt>(in.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = static_cast<uInt>(out.size());
    int status = deflate(&z, Z_FINISH);
    out.resize(z.total_out);
    deflateEnd(&z);
    return status == Z_STREAM_END;
}

}  // namespace

RequestStream::RequestStream(int fd, std::string request, Peer peer,
                             std::chrono::milliseconds write_timeout, bool continue_sent)
    : fd_(fd),
      request_(std::move(request)),
      peer_(std::move(peer)),
      write_timeout_(write_timeout),
      continue_sent_(continue_sent) {}

ssize_t RequestStream::read(char* ptr, size_t size) {
    std::size_t n = std::min(size, request_.size() - read_at_);
    std::memcpy(ptr, request_.data() + read_at_, n);
    read_at_ += n;
    return static_cast<ssize_t>(n);
}

ssize_t RequestStream::write(const char* ptr, size_t size) {
    // httplib 0.11.4 answers "Expect: 100-continue" itself, after the gate has
    // (the gate must, or the client would not send the body the gate waits
    // for): the second interim answer is dropped. Pinned by "a body sent
    // after 100 Continue" (api_transport_test.cpp).
    if (continue_sent_ && std::string_view(ptr, size) == kContinue) {
        continue_sent_ = false;
        return static_cast<ssize_t>(size);
    }
    std::size_t sent = 0;
    const auto deadline = std::chrono::steady_clock::now() + write_timeout_;
    while (sent < size && !write_failed_) {
        ssize_t n = ::send(fd_, ptr + sent, size - sent, MSG_NOSIGNAL);
        if (n > 0) {
            sent += static_cast<std::size_t>(n);
            continue;
        }
        if (n < 0 && errno == EINTR) continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                deadline - std::chrono::steady_clock::now());
            pollfd p{fd_, POLLOUT, 0};
            if (left.count() > 0 && ::poll(&p, 1, static_cast<int>(left.count())) >= 0) continue;
        }
        write_failed_ = true;
    }
    return write_failed_ ? -1 : static_cast<ssize_t>(size);
}

void RequestStream::get_remote_ip_and_port(std::string& ip, int& port) const {
    ip = peer_.remote_addr;
    port = peer_.remote_port;
}

void RequestStream::get_local_ip_and_port(std::string& ip, int& port) const {
    ip = peer_.local_addr;
    port = peer_.local_port;
}

bool Server::answer(RequestStream& stream, bool last_on_connection) {
    bool client_closes = false;
    bool ok = process_request(stream, last_on_connection, client_closes, nullptr);
    return ok && !client_closes && !last_on_connection && !stream.write_failed();
}

void drop_ranges(const httplib::Request& req) {
    const_cast<httplib::Request&>(req).ranges.clear();
}

void undo_range_answer(httplib::Response& res) {
    if (res.status == 206) res.status = 200;
    res.headers.erase("Accept-Ranges");
}

void compress_json(const httplib::Request& req, httplib::Response& res) {
    if (res.body.size() < kMinCompressBytes || res.has_header("Content-Encoding")) return;
    if (!res.get_header_value("Content-Type").starts_with("application/json")) return;
    res.set_header("Vary", "Accept-Encoding");
    if (!accepts_gzip(req.get_header_value("Accept-Encoding"))) return;
    std::string packed;
    if (!gzip(res.body, packed)) return;
    res.body = std::move(packed);
    res.set_header("Content-Encoding", "gzip");
}

}  // namespace lc::api
