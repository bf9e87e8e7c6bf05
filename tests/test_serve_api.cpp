// `newsearch serve` end to end: the server runs in-process on a free loopback port against
// a freshly indexed copy of corpus/ (plus one article whose title is markup), and every
// endpoint is called over HTTP with httplib::Client.
#include <httplib.h>

#include <atomic>
#include <cctype>
#include <mutex>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <thread>
#include <vector>

#include "helpers.hpp"
#include "searcher/serve_page.hpp"
#include "searcher/serve_server.hpp"

using namespace testing;
using nlohmann::json;

namespace {

const std::string kSeedTitle = "NATO Secretary General says Zelenskyy should restore relations with Trump";
const std::string kMarkupTitle = "<script>alert(1)</script> Grain report <img src=x onerror=alert(2)>";

std::string index_command(const std::string& db, const std::string& folders, const std::string& extra = "") {
  return newsindex("--db " + quote(db) + " --quiet " + extra + " " + folders) + " >/dev/null";
}

/// A database of corpus/ plus extra/escaping.txt, served on a free port until destroyed.
class ServedCorpus {
 public:
  ServedCorpus() {
    write_file(dir_ / "extra/escaping.txt",
               article(kMarkupTitle, "Test Desk", "09:30, 02 March, 2025",
                       "The zanzibarquux grain report for March shows stable wheat prices.\n"
                       "Traders expect the <b>harvest</b> to be larger & prices to fall."));
    db_ = dir_ / "db";
    const auto indexed = run(index_command(db_, quote(source_path("corpus")) + " " + quote(dir_ / "extra")));
    REQUIRE(indexed.status == 0);
    newsearch::ServeOptions options;
    options.databases = {db_};
    options.port = 0;
    options.threads = 8;
    server_ = std::make_unique<newsearch::SearchServer>(options);
    auto port = server_->bind();
    REQUIRE(port.ok());
    port_ = port.value();
    thread_ = std::thread([this] { server_->run(); });
  }
  ~ServedCorpus() {
    server_->stop();
    thread_.join();
  }
  ServedCorpus(const ServedCorpus&) = delete;
  ServedCorpus& operator=(const ServedCorpus&) = delete;

  httplib::Client client() const {
    httplib::Client c("127.0.0.1", port_);
    c.set_url_encode(false);  // targets below are written encoded, as a browser sends them
    c.set_connection_timeout(5);
    c.set_read_timeout(10);
    return c;
  }
  const std::string& db() const { return db_; }
  const TempDir& dir() const { return dir_; }

 private:
  TempDir dir_;
  std::string db_;
  int port_ = 0;
  std::unique_ptr<newsearch::SearchServer> server_;
  std::thread thread_;
};

/// Shared by the read-only tests of this file (indexed once per process).
ServedCorpus& served() {
  static ServedCorpus s;
  return s;
}

json get_json(httplib::Client& c, const std::string& target, int expected_status) {
  auto res = c.Get(target.c_str());
  INFO(target);
  REQUIRE(res);
  INFO(res->body);
  REQUIRE(res->status == expected_status);
  CHECK(res->get_header_value("Content-Type") == "application/json; charset=utf-8");
  return json::parse(res->body);
}

std::string encode(const std::string& s) { return httplib::detail::encode_query_param(s); }

}  // namespace

TEST_CASE("serve: /api/search answers the CLI's --json document", "[serve]") {
  auto c = served().client();
  json http = get_json(c, "/api/search?q=subsoil+deal&facets=1&timeline=1", 200);
  REQUIRE(http["results"].size() >= 1);
  CHECK(http["results"][0]["title"] == kSeedTitle);
  const std::string snippet = http["results"][0]["snippet"];
  CHECK(snippet.find("<mark>subsoil</mark>") != std::string::npos);
  CHECK(snippet.find("<mark>deal</mark>") != std::string::npos);

  const auto cli = run(testing::newsearch("--db " + quote(served().db()) + " --json --facets --timeline subsoil deal"));
  REQUIRE(cli.status == 0);
  json expected = json::parse(cli.out);
  http.erase("elapsed_ms");
  http.erase("cached");
  expected.erase("elapsed_ms");
  INFO(json::diff(http, expected).dump());
  CHECK(http == expected);

  // Paging, sort and dates reach the engine.
  json page2 = get_json(c, "/api/search?q=zelenskyy&limit=3&offset=3&sort=oldest&since=2024&until=2025-12", 200);
  CHECK(page2["offset"] == 3);
  CHECK(page2["limit"] == 3);
  CHECK(page2["sort"] == "oldest");
  CHECK(page2["results"].size() == 3);
  CHECK(page2["results"][0]["rank"] == 4);
  CHECK_FALSE(page2.contains("facets"));
}

TEST_CASE("serve: every invalid parameter is a 400 naming it", "[serve]") {
  auto c = served().client();
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"/api/search", "q"},
      {"/api/search?q=", "q"},
      {"/api/search?q=" + std::string(1025, 'a'), "q"},
      {"/api/search?q=caf%E9", "q"},
      {"/api/search?q=a%00b", "q"},
      {"/api/search?q=a&q=b", "q"},
      {"/api/search?q=a&limit=0", "limit"},
      {"/api/search?q=a&limit=101", "limit"},
      {"/api/search?q=a&limit=x", "limit"},
      {"/api/search?q=a&offset=10001", "offset"},
      {"/api/search?q=a&offset=-1", "offset"},
      {"/api/search?q=a&sort=random", "sort"},
      {"/api/search?q=a&since=2025-02-30", "since"},
      {"/api/search?q=a&since=last+week", "since"},
      {"/api/search?q=a&until=2025-13", "until"},
      {"/api/search?q=a&since=2025-04&until=2025-03", "until"},
      {"/api/search?q=a&facets=yes", "facets"},
      {"/api/search?q=a&timeline=2", "timeline"},
      {"/api/search?q=a&debug=1", "debug"},
      {"/api/search?q=" + encode("date:2025-13"), "q"},  // refused by the engine, still a 400
      {"/api/article", "id"},
      {"/api/article?id=xyz", "id"},
      {"/api/article?id=" + encode("../../etc/passwd"), "id"},
      {"/api/article?id=b25676fd5e99a1cc&path=%2Fetc%2Fpasswd", "path"},
      {"/api/suggest", "q"},
      {"/api/suggest?q=a&limit=0", "limit"},
      {"/api/suggest?q=%FF", "q"},
  };
  for (const auto& [target, parameter] : cases) {
    json body = get_json(c, target, 400);
    INFO(target);
    CHECK(body["format_version"] == 1);
    CHECK(body["error"]["parameter"] == parameter);
    CHECK_FALSE(body["error"]["message"].get<std::string>().empty());
  }
}

TEST_CASE("serve: hostile queries within the length limit get a 200 or a 400, never a failure", "[serve][reliability]") {
  auto c = served().client();
  std::string many_or = "subsoil";
  while (many_or.size() < 1000) many_or += " OR w" + std::to_string(many_or.size());
  const std::vector<std::string> queries = {
      "*",
      "* * * a* b* c* d* e* f* g* h* s* r* p* t*",
      std::string(500, '(') + "subsoil" + std::string(500, ')'),
      std::string(1000, '('),
      std::string(1000, '"'),
      many_or,
      "subsoil NEAR/100000 deal NEAR/1 trump ADJ/99999 rare",
      "-subsoil",
      "title:* author:* person:* tag:*",
      "date:9999-12-31..0000-01-01",
      "\xef\xbf\xbd AND OR NOT ( ) \" - + ADJ/ NEAR/",
  };
  for (const auto& q : queries) {
    INFO(q.substr(0, 80));
    const std::string target = "/api/search?facets=1&timeline=1&limit=100&offset=10000&q=" + encode(q);
    auto res = c.Get(target.c_str());
    REQUIRE(res);
    CHECK((res->status == 200 || res->status == 400));
    const json body = json::parse(res->body, nullptr, false);
    REQUIRE(body.is_object());
    if (res->status == 200) CHECK(body["results"].size() <= 100);
    else CHECK(body["error"]["parameter"] == "q");
  }
  // The server is still there and still right.
  CHECK(get_json(c, "/api/search?q=subsoil+deal", 200)["total"].get<int>() >= 1);
}

TEST_CASE("serve: unknown paths are JSON 404s; only the built-in page is served", "[serve]") {
  auto c = served().client();
  for (const char* target : {"/nope", "/api", "/api/", "/api/searchx?q=a", "/index.htm", "/etc/passwd",
                             "/../../../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/searcher/page/app.js",
                             "/page/", "/.git/config", "/CMakeLists.txt", "//app.js"}) {
    json body = get_json(c, target, 404);
    INFO(target);
    CHECK(body["error"]["parameter"].is_null());
  }
  for (const char* method : {"POST", "PUT", "DELETE", "PATCH"}) {
    INFO(method);
    httplib::Request req;
    req.method = method;
    req.path = "/api/search?q=a";
    auto res = c.send(req);
    REQUIRE(res);
    CHECK(res->status == 405);
    CHECK(res->get_header_value("Allow") == "GET, HEAD");
    CHECK(json::parse(res->body)["error"]["message"].get<std::string>().find("GET") != std::string::npos);
  }

  auto page = c.Get("/");
  REQUIRE(page);
  CHECK(page->status == 200);
  CHECK(page->get_header_value("Content-Type") == "text/html; charset=utf-8");
  CHECK(page->body == std::string(*newsearch::embedded_page_file("index.html")));
  auto shared_state = c.Get("/?q=subsoil+deal&person=Mark+Rutte&page=2");
  REQUIRE(shared_state);
  CHECK(shared_state->status == 200);  // bookmarked states load the same page
  for (const auto& [path, type] : std::vector<std::pair<std::string, std::string>>{
           {"/app.js", "text/javascript; charset=utf-8"}, {"/style.css", "text/css; charset=utf-8"},
           {"/favicon.svg", "image/svg+xml"}}) {
    auto res = c.Get(path.c_str());
    REQUIRE(res);
    CHECK(res->status == 200);
    CHECK(res->get_header_value("Content-Type") == type);
  }
  auto head = c.Head("/api/search?q=subsoil");
  REQUIRE(head);
  CHECK(head->status == 200);
  CHECK(head->body.empty());
}

TEST_CASE("serve: security headers on every response", "[serve]") {
  auto c = served().client();
  for (const char* target : {"/", "/app.js", "/style.css", "/api/search?q=subsoil", "/api/search?limit=0",
                             "/api/article?id=0000000000000000", "/api/suggest?q=zel", "/healthz", "/nope"}) {
    INFO(target);
    auto res = c.Get(target);
    REQUIRE(res);
    const std::string csp = res->get_header_value("Content-Security-Policy");
    CHECK(csp.find("default-src 'self'") != std::string::npos);
    CHECK(csp.find("script-src 'self'") != std::string::npos);
    CHECK(csp.find("frame-ancestors 'none'") != std::string::npos);
    CHECK(csp.find("unsafe-inline") == std::string::npos);
    CHECK(csp.find("unsafe-eval") == std::string::npos);
    CHECK(res->get_header_value("X-Content-Type-Options") == "nosniff");
    CHECK(res->get_header_value("X-Frame-Options") == "DENY");
    CHECK(res->get_header_value("Referrer-Policy") == "no-referrer");
  }
}

TEST_CASE("serve: markup in an article is data in the JSON, and the page never parses it", "[serve]") {
  auto c = served().client();
  json r = get_json(c, "/api/search?q=zanzibarquux", 200);
  REQUIRE(r["results"].size() == 1);
  CHECK(r["results"][0]["title"] == kMarkupTitle);  // verbatim: escaping is the page's job
  const std::string snippet = r["results"][0]["snippet"];
  CHECK(snippet.find("<b>") == std::string::npos);  // the snippet is HTML-escaped...
  CHECK(snippet.find("&lt;b&gt;") != std::string::npos);
  CHECK(snippet.find("<mark>zanzibarquux</mark>") != std::string::npos);  // ...except its marks

  json a = get_json(c, "/api/article?id=" + r["results"][0]["id"].get<std::string>(), 200);
  CHECK(a["title"] == kMarkupTitle);

  // The page builds nodes with textContent; none of the HTML-parsing sinks may appear.
  const std::string js(*newsearch::embedded_page_file("app.js"));
  for (const char* sink : {"innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function",
                           "createContextualFragment", "DOMParser"}) {
    INFO(sink);
    CHECK(js.find(sink) == std::string::npos);
  }
  const std::string html(*newsearch::embedded_page_file("index.html"));
  CHECK(html.find("<script>") == std::string::npos);  // no inline script: the CSP would block it
  CHECK(html.find("style=") == std::string::npos);
  CHECK(html.find("http://") == std::string::npos);  // nothing from another origin
  CHECK(html.find("https://") == std::string::npos);
}

TEST_CASE("serve: one article by id", "[serve]") {
  auto c = served().client();
  json hit = get_json(c, "/api/search?q=subsoil+deal&limit=1", 200)["results"][0];
  const std::string id = hit["id"];
  json a = get_json(c, "/api/article?id=" + id, 200);
  CHECK(a["format_version"] == 1);
  CHECK(a["id"] == id);
  CHECK(a["title"] == kSeedTitle);
  CHECK(a["authors"] == json::array({"Alona Kokhanchuk"}));
  REQUIRE(a["paragraphs"].size() > 3);
  CHECK(a["paragraphs"][0].get<std::string>().rfind("NATO Secretary General Mark Rutte said", 0) == 0);

  json upper = get_json(c, "/api/article?id=" + [&] {
    std::string u = id;
    for (auto& ch : u) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    return u;
  }(), 200);
  CHECK(upper["id"] == id);

  json missing = get_json(c, "/api/article?id=0000000000000000", 404);
  CHECK(missing["error"]["parameter"] == "id");
}

TEST_CASE("serve: suggestions for the word being typed", "[serve]") {
  auto c = served().client();
  json s = get_json(c, "/api/suggest?q=" + encode("peace zel"), 200);
  CHECK(s["format_version"] == 1);
  CHECK(s["query"] == "peace zel");
  bool term = false;
  for (const auto& item : s["suggestions"]) {
    CHECK(item["text"].is_string());
    CHECK((item["kind"] == "term" || item["kind"] == "person" || item["kind"] == "author"));
    term = term || item["text"] == "zelenskyy";
  }
  CHECK(term);
  CHECK(get_json(c, "/api/suggest?q=zel&limit=2", 200)["suggestions"].size() <= 2);
  CHECK(get_json(c, "/api/suggest?q=", 200)["suggestions"].empty());
  CHECK(get_json(c, "/api/suggest?q=qqqqqqqqzzz", 200)["suggestions"].empty());
}

TEST_CASE("serve: healthz", "[serve]") {
  auto c = served().client();
  json h = get_json(c, "/healthz", 200);
  CHECK(h["status"] == "ok");
  CHECK(h["documents"].get<int>() > 50);
}

TEST_CASE("serve: many requests at once", "[serve]") {
  auto first = served().client();
  const int expected = get_json(first, "/api/search?q=zelenskyy", 200)["total"];
  std::atomic<int> failures{0}, done{0};
  std::vector<std::thread> clients;
  for (int t = 0; t < 12; ++t) {
    clients.emplace_back([&, t] {
      auto c = served().client();
      for (int i = 0; i < 25; ++i) {
        const std::string target = (i + t) % 3 == 0 ? "/api/search?q=zelenskyy&facets=1&timeline=1"
                                   : (i + t) % 3 == 1 ? "/api/suggest?q=zel"
                                                      : "/api/search?q=zelenskyy&sort=newest";
        auto res = c.Get(target.c_str());
        if (!res || res->status != 200) {
          ++failures;
          continue;
        }
        if (target.find("/api/search") == 0 && json::parse(res->body)["total"] != expected) ++failures;
        ++done;
      }
    });
  }
  for (auto& t : clients) t.join();
  CHECK(failures == 0);
  CHECK(done == 12 * 25);
}

TEST_CASE("serve: a repeated search comes from the cache, the same answer; a commit ends it", "[serve]") {
  ServedCorpus fresh;
  auto c = fresh.client();
  const std::string target = "/api/search?q=lagarde&facets=1&timeline=1&limit=3";
  json first = get_json(c, target, 200);
  CHECK_FALSE(first.contains("cached"));
  json again = get_json(c, target, 200);
  CHECK(again["cached"] == true);
  for (json* j : {&first, &again}) j->erase("elapsed_ms"), j->erase("cached");
  CHECK(again == first);
  // Another page, sort or filter is another answer.
  CHECK_FALSE(get_json(c, target + "&offset=1", 200).contains("cached"));
  CHECK_FALSE(get_json(c, target + "&sort=newest", 200).contains("cached"));

  write_file(fresh.dir() / "later/new.txt", article("Lagarde speaks again", "Test Desk", "12:00, 05 April, 2025",
                                                    "Christine Lagarde said rates would stay on hold."));
  REQUIRE(run(index_command(fresh.db(), quote(fresh.dir() / "later"), "--keep-missing")).status == 0);
  json after = get_json(c, target, 200);
  CHECK_FALSE(after.contains("cached"));
  CHECK(after["total"].get<int>() == first["total"].get<int>() + 1);
}

TEST_CASE("serve: a new commit is found without a restart", "[serve]") {
  ServedCorpus fresh;
  auto c = fresh.client();
  // Every worker has its engine open on the old revision before the new commit.
  for (int i = 0; i < 20; ++i) CHECK(get_json(c, "/api/search?q=subsoil", 200)["total"] == 1);
  CHECK(get_json(c, "/api/search?q=quokkaflorp", 200)["total"] == 0);
  const int documents_before = get_json(c, "/healthz", 200)["documents"];

  write_file(fresh.dir() / "later/new.txt", article("Quokka census published", "Test Desk", "12:00, 05 April, 2025",
                                                    "The quokkaflorp census counted more quokkas than expected."));
  REQUIRE(run(index_command(fresh.db(), quote(fresh.dir() / "later"), "--keep-missing")).status == 0);
  for (int i = 0; i < 20; ++i) {
    json r = get_json(c, "/api/search?q=quokkaflorp", 200);
    REQUIRE(r["total"] == 1);
    CHECK(r["results"][0]["title"] == "Quokka census published");
  }
  CHECK(get_json(c, "/healthz", 200)["documents"].get<int>() == documents_before + 1);
}

TEST_CASE("serve: searches while the indexer commits never fail", "[serve]") {
  ServedCorpus fresh;
  // Enough articles for many small commits while the searches run.
  for (int i = 0; i < 400; ++i)
    write_file(fresh.dir() / ("bulk/" + std::to_string(i) + ".txt"),
               article("Bulk article " + std::to_string(i), "Test Desk", "10:00, 01 May, 2025",
                       "Harvest figures for district " + std::to_string(i) + " mention zelenskyy and wheat."));
  std::atomic<bool> indexing{true};
  std::atomic<int> failures{0}, searches{0};
  std::string first_failure;
  std::mutex failure_mutex;
  std::vector<std::thread> clients;
  for (int t = 0; t < 4; ++t) {
    clients.emplace_back([&] {
      auto c = fresh.client();
      while (indexing || searches < 40) {
        auto res = c.Get("/api/search?q=zelenskyy+OR+wheat&facets=1&timeline=1");
        ++searches;
        if (!res || res->status != 200) {
          std::lock_guard<std::mutex> lock(failure_mutex);
          if (failures++ == 0) first_failure = res ? std::to_string(res->status) + " " + res->body : "no answer";
        }
      }
    });
  }
  const auto indexed = run(index_command(fresh.db(), quote(fresh.dir() / "bulk"), "--keep-missing --batch 20"));
  indexing = false;
  for (auto& t : clients) t.join();
  REQUIRE(indexed.status == 0);
  INFO(first_failure);
  CHECK(failures == 0);
  CHECK(searches >= 40);
  auto c = fresh.client();
  CHECK(get_json(c, "/api/search?q=bulk+article&limit=1", 200)["total"].get<int>() >= 400);
}
