#include "api/errors.h"

#include <xapian.h>

#include <cmath>
#include <cstdint>
#include <iostream>
#include <nlohmann/json.hpp>

#include "catalog/store.h"
#include "catalog/validation.h"
#include "media/photo_error.h"
#include "util/error.h"

namespace lc::api {

namespace {

nlohmann::json error_body(const std::string& code, const std::string& message,
                          const std::optional<std::string>& parameter) {
    return {{"error",
             {{"code", code},
              {"message", message},
              {"parameter", parameter ? nlohmann::json(*parameter) : nullptr}}}};
}

// 200, not 200.0, for the bounds that are whole numbers.
nlohmann::json bound(double value) {
    double whole = std::trunc(value);
    if (whole == value && std::abs(whole) < 1e15) return static_cast<std::int64_t>(whole);
    return value;
}

void send(httplib::Response& res, int status, const nlohmann::json& body) {
    res.status = status;
    res.set_content(body.dump(), "application/json; charset=utf-8");
}

}  // namespace

void write_error(httplib::Response& res, int status, const std::string& code,
                 const std::string& message, const std::optional<std::string>& parameter) {
    send(res, status, error_body(code, message, parameter));
}

// The one table from error types to HTTP statuses.
int write_current_exception(httplib::Response& res) {
    try {
        throw;
    } catch (const ApiError& e) {
        if (e.retry_after() > 0) res.set_header("Retry-After", std::to_string(e.retry_after()));
        write_error(res, e.status(), e.code(), e.what(), e.parameter());
    } catch (const ValidationError& e) {
        nlohmann::json body = error_body("invalid_" + e.subject(),
                                         "the " + e.subject() + " is not valid", std::nullopt);
        // At most this many are echoed, so a large bad body cannot make a
        // larger answer; the rest are counted.
        constexpr std::size_t kMaxFieldsShown = 50;
        nlohmann::json fields = nlohmann::json::array();
        for (const auto& f : e.errors()) {
            if (fields.size() == kMaxFieldsShown) break;
            nlohmann::json field = {
                {"path", f.path}, {"code", to_string(f.code)}, {"message", f.message}};
            if (f.min) field["min"] = bound(*f.min);
            if (f.max) field["max"] = bound(*f.max);
            fields.push_back(std::move(field));
        }
        body["error"]["fields"] = fields;
        if (e.errors().size() > kMaxFieldsShown)
            body["error"]["more_fields"] = e.errors().size() - kMaxFieldsShown;
        send(res, 400, body);
    } catch (const InvalidUtf8& e) {
        write_error(res, 400, "invalid_utf8", e.what());
    } catch (const RevisionConflict& e) {
        nlohmann::json body = error_body("revision_conflict", e.what(), std::string("If-Match"));
        body["error"]["current_revision"] = e.current();
        res.set_header("ETag", "\"" + std::to_string(e.current()) + "\"");
        send(res, 412, body);
    } catch (const InvalidPhoto& e) {
        const int status = e.reason() == InvalidPhoto::Reason::too_large     ? 413
                           : e.reason() == InvalidPhoto::Reason::unsupported ? 415
                                                                             : 422;
        write_error(res, status, std::string(to_string(e.reason())), e.what(), std::string("file"));
    } catch (const PhotoWorkersBusy& e) {
        res.set_header("Retry-After", "10");
        write_error(res, 503, "photo_workers_busy", e.what());
    } catch (const NotFound& e) {
        write_error(res, 404, "not_found", e.what());
    } catch (const Conflict& e) {
        write_error(res, 409, "conflict", e.what());
    } catch (const StoreUnavailable& e) {
        res.set_header("Retry-After", "30");
        write_error(res, 503, "store_unavailable", e.what());
    } catch (const IndexNotReady& e) {
        res.set_header("Retry-After", "5");
        write_error(res, 503, "index_not_ready", e.what());
    } catch (const StoreError& e) {
        write_error(res, 503, "store_error", e.what());
    } catch (const Xapian::Error& e) {
        std::cerr << "lc-api: index error: " << e.get_description() << "\n";
        res.set_header("Retry-After", "5");
        write_error(res, 503, "index_error", "the search index could not answer; try again");
    } catch (const std::exception& e) {
        std::cerr << "lc-api: internal error: " << e.what() << "\n";
        write_error(res, 500, "internal", "internal error");
    } catch (...) {
        std::cerr << "lc-api: internal error of unknown type\n";
        write_error(res, 500, "internal", "internal error");
    }
    return res.status;
}

}  // namespace lc::api
