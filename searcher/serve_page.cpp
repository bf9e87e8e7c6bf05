#include "searcher/serve_page.hpp"

namespace newsearch {

namespace {

std::string_view content_type_of(std::string_view name) {
  auto ends_with = [&](std::string_view ext) { return name.size() >= ext.size() && name.substr(name.size() - ext.size()) == ext; };
  if (ends_with(".html")) return "text/html; charset=utf-8";
  if (ends_with(".css")) return "text/css; charset=utf-8";
  if (ends_with(".js")) return "text/javascript; charset=utf-8";
  if (ends_with(".svg")) return "image/svg+xml";
  return "application/octet-stream";
}

}  // namespace

std::optional<PageFile> page_file_for_path(std::string_view url_path) {
  if (url_path == "/") url_path = "/index.html";
  // Only a flat name: "/x/../y" or "/dir/" never matches an embedded file anyway, but
  // saying so here keeps the rule obvious.
  if (url_path.size() < 2 || url_path[0] != '/' || url_path.find('/', 1) != std::string_view::npos) return std::nullopt;
  const std::string_view name = url_path.substr(1);
  auto body = embedded_page_file(name);
  if (!body) return std::nullopt;
  return PageFile{*body, content_type_of(name)};
}

}  // namespace newsearch
