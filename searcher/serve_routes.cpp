#include "searcher/serve_routes.hpp"

#include <xapian.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <string_view>
#include <thread>

#include "searcher/http_params.hpp"
#include "searcher/http_responses.hpp"
#include "searcher/serve_page.hpp"

namespace newsearch {

namespace {

// The engine reports every failure with exit code 2, so the kind is told by the message:
// the query's fault (400) or the server's (database trouble: 500).
// TODO(lead): replace with an error kind in newsearch::Error once it has one.
bool is_query_error(const Error& e) {
  const std::string_view m = e.message;
  return m.starts_with("cannot parse query") || m.starts_with("bad date") || m.starts_with("empty date");
}

// The engine retries when a commit lands mid-search, but a writer committing small
// batches back to back can outrun it (and a DatabaseModifiedError has been seen escaping):
// the server tries again on a freshly reopened handle before it answers 500.
constexpr int kAttempts = 5;

template <typename Call>
auto with_retries(SearchEngine& engine, Call call) -> decltype(call()) {
  for (int attempt = 1;; ++attempt) {
    try {
      auto result = call();
      if (result.ok() || is_query_error(result.error()) || result.error().exit_code == 1 || attempt == kAttempts)
        return result;
    } catch (const Xapian::DatabaseModifiedError&) {
      if (attempt == kAttempts) throw;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(attempt));
    engine.refresh();
  }
}

// Refused requests say which parameter was wrong; see http_params.hpp.
template <typename T>
bool refuse_if_invalid(const Checked<T>& checked, httplib::Response& res) {
  if (checked.ok()) return false;
  send_error(res, 400, checked.error->parameter, checked.error->message);
  return true;
}

// A missing or broken database is the server's state, not the request's fault.
bool unavailable(SearchEngine& engine, httplib::Response& res) {
  if (engine.ok()) return false;
  send_error(res, 503, "", engine.error().message);
  return true;
}

void search(EnginePerThread& engines, ResponseCache& cache, const httplib::Request& req, httplib::Response& res) {
  const auto start = std::chrono::steady_clock::now();
  auto request = parse_search_params(parse_query_string(req.target));
  if (refuse_if_invalid(request, res)) return;
  SearchEngine& engine = engines.current();
  if (unavailable(engine, res)) return;
  const std::string key = cache.enabled() ? ResponseCache::key(engine.revision(), request.value) : std::string();
  if (auto hit = cache.find(key)) {
    nlohmann::json answer = *hit;
    answer["elapsed_ms"] =
        std::round(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count() * 100) / 100;
    answer["cached"] = true;
    send_json(res, 200, answer);
    return;
  }
  auto result = with_retries(engine, [&] { return engine.search(request.value); });
  if (!result) {
    const bool user = is_query_error(result.error());
    send_error(res, user ? 400 : 500, user ? "q" : "", result.error().message);
    return;
  }
  send_json(res, 200, *result);
  // Only an answer computed on the revision of the key: a retry may have reopened.
  if (!key.empty() && ResponseCache::key(engine.revision(), request.value) == key)
    cache.insert(key, std::move(*result), res.body.size());
}

void article(EnginePerThread& engines, const httplib::Request& req, httplib::Response& res) {
  auto id = parse_article_params(parse_query_string(req.target));
  if (refuse_if_invalid(id, res)) return;
  SearchEngine& engine = engines.current();
  if (unavailable(engine, res)) return;
  auto result = with_retries(engine, [&] { return engine.article(id.value); });
  if (!result) {
    const bool missing = result.error().exit_code == 1;
    send_error(res, missing ? 404 : 500, missing ? "id" : "", result.error().message);
    return;
  }
  send_json(res, 200, *result);
}

void suggest(EnginePerThread& engines, const httplib::Request& req, httplib::Response& res) {
  auto request = parse_suggest_params(parse_query_string(req.target));
  if (refuse_if_invalid(request, res)) return;
  SearchEngine& engine = engines.current();
  if (unavailable(engine, res)) return;
  send_json(res, 200, engine.suggest(request.value.prefix, request.value.limit));
}

void health(EnginePerThread& engines, const httplib::Request&, httplib::Response& res) {
  nlohmann::json h = engines.current().health();
  send_json(res, h.value("status", "") == "ok" ? 200 : 503, h);
}

void page(const httplib::Request& req, httplib::Response& res) {
  auto file = page_file_for_path(req.path);
  if (!file) {
    send_error(res, 404, "", "no such page: " + req.path);
    return;
  }
  // Revalidate on every load so a new binary's page is never mixed with an old script.
  res.set_header("Cache-Control", "no-cache");
  res.set_content(file->body.data(), file->body.size(), std::string(file->content_type).c_str());
}

const char* status_message(int status) {
  switch (status) {
    case 404: return "no such endpoint";
    case 405: return "method not allowed: the API is read-only (GET or HEAD)";
    case 413: return "request too large";
    case 414: return "URI too long";
    default: return status >= 500 ? "internal error" : "bad request";
  }
}

}  // namespace

void add_routes(httplib::Server& server, EnginePerThread& engines, ResponseCache& cache) {
  server.Get("/api/search", [&](const auto& req, auto& res) { search(engines, cache, req, res); });
  server.Get("/api/article", [&](const auto& req, auto& res) { article(engines, req, res); });
  server.Get("/api/suggest", [&](const auto& req, auto& res) { suggest(engines, req, res); });
  server.Get("/healthz", [&](const auto& req, auto& res) { health(engines, req, res); });
  // Every other GET is a page file or a JSON 404: no directory, no file from disk.
  server.Get(".*", page);

  const auto not_allowed = [](const httplib::Request&, httplib::Response& res) {
    res.set_header("Allow", "GET, HEAD");
    send_error(res, 405, "", status_message(405));
  };
  server.Post(".*", not_allowed);
  server.Put(".*", not_allowed);
  server.Patch(".*", not_allowed);
  server.Delete(".*", not_allowed);
  server.Options(".*", not_allowed);

  // Answers that no handler wrote (unparsable requests, unknown methods) get a JSON body too.
  server.set_error_handler([](const httplib::Request&, httplib::Response& res) {
    if (res.body.empty()) send_error(res, res.status, "", status_message(res.status));
  });
  // The client learns only that it failed; the operator gets the reason on stderr.
  server.set_exception_handler([](const httplib::Request& req, httplib::Response& res, std::exception_ptr ep) {
    std::string what = "unknown exception";
    try {
      std::rethrow_exception(ep);
    } catch (const Xapian::Error& e) {
      what = e.get_description();
    } catch (const std::exception& e) {
      what = e.what();
    } catch (...) {
    }
    std::fprintf(stderr, "newsearch serve: error: %s %s: %s\n", req.method.c_str(), req.path.c_str(), what.c_str());
    send_error(res, 500, "", status_message(500));
  });
}

}  // namespace newsearch
