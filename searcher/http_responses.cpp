#include "searcher/http_responses.hpp"

namespace newsearch {

httplib::Headers security_headers() {
  return {
      {"Content-Security-Policy",
       "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"},
      {"X-Content-Type-Options", "nosniff"},
      {"X-Frame-Options", "DENY"},
      {"Referrer-Policy", "no-referrer"},
      {"Cross-Origin-Opener-Policy", "same-origin"},
  };
}

nlohmann::json error_document(const std::string& parameter, const std::string& message) {
  return {{"format_version", 1},
          {"error", {{"parameter", parameter.empty() ? nlohmann::json(nullptr) : nlohmann::json(parameter)},
                     {"message", message}}}};
}

void send_json(httplib::Response& res, int status, const nlohmann::json& body) {
  res.status = status;
  // Search answers change with every commit: never cache them.
  res.set_header("Cache-Control", "no-store");
  res.set_content(body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
                  "application/json; charset=utf-8");
}

void send_error(httplib::Response& res, int status, const std::string& parameter, const std::string& message) {
  send_json(res, status, error_document(parameter, message));
}

}  // namespace newsearch
