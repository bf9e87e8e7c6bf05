#pragma once
// How the server writes its answers: JSON bodies, the error document of docs/json.md, and
// the security headers every response carries.
#include <httplib.h>

#include <nlohmann/json.hpp>
#include <string>

namespace newsearch {

/// Headers sent with every response: a Content-Security-Policy that allows only this
/// origin, no MIME sniffing, no framing, no referrer to other sites.
httplib::Headers security_headers();

/// {"format_version":1,"error":{"parameter":...,"message":...}}; parameter null when empty.
nlohmann::json error_document(const std::string& parameter, const std::string& message);

/// Sets status and a JSON body (invalid UTF-8 replaced, never thrown on).
void send_json(httplib::Response& res, int status, const nlohmann::json& body);

/// Sends the error document with status.
void send_error(httplib::Response& res, int status, const std::string& parameter, const std::string& message);

}  // namespace newsearch
