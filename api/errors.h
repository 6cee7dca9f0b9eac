// HTTP errors: one shape for every error body, and one table
// (write_current_exception) that maps each engine error type to its status.
#pragma once

#include <httplib.h>

#include <exception>
#include <optional>
#include <string>

namespace lc::api {

// An error the HTTP layer raises itself: a bad parameter, a missing token...
class ApiError : public std::exception {
  public:
    ApiError(int status, std::string code, std::string message,
             std::optional<std::string> parameter = std::nullopt)
        : status_(status),
          code_(std::move(code)),
          message_(std::move(message)),
          parameter_(std::move(parameter)) {}
    const char* what() const noexcept override { return message_.c_str(); }
    int status() const { return status_; }
    const std::string& code() const { return code_; }
    const std::optional<std::string>& parameter() const { return parameter_; }
    // Seconds for a Retry-After header (429, 503), 0 for none.
    ApiError& retry_after(int seconds) {
        retry_after_ = seconds;
        return *this;
    }
    int retry_after() const { return retry_after_; }

  private:
    int status_;
    std::string code_, message_;
    std::optional<std::string> parameter_;
    int retry_after_ = 0;
};

inline ApiError bad_parameter(const std::string& name, const std::string& message) {
    return ApiError(400, "invalid_parameter", message, name);
}

// Writes the error body for the exception in flight (call from a catch block).
// Returns the status it chose.
int write_current_exception(httplib::Response& res);

// Writes {"error": {...}} with this status.
void write_error(httplib::Response& res, int status, const std::string& code,
                 const std::string& message,
                 const std::optional<std::string>& parameter = std::nullopt);

}  // namespace lc::api
