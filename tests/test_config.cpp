// The configuration file: the shipped example, every error case (file, line and key named),
// and how the binaries combine it with the command line and $NEWSEARCH_DB.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "common/config.hpp"
#include "helpers.hpp"

using namespace testing;
using newsearch::read_config_file;

namespace {

// Runs a binary with a home of its own, so no real user's config file is read.
std::string isolated(const TempDir& dir, const std::string& command) {
  return "env -u NEWSEARCH_DB HOME=" + quote(dir / "home") + " XDG_CONFIG_HOME=" + quote(dir / "home/.config") +
         " XDG_DATA_HOME=" + quote(dir / "home/.local/share") + " " + command;
}

void write_articles(const TempDir& dir) {
  write_file(dir / "news/a.txt", article("Central bank holds interest rates", "Anna Berg", "10:00, 05 March, 2025",
                                         "The central bank kept its interest rate unchanged."));
  write_file(dir / "other/b.txt", article("Ceasefire talks resume", "Piet de Vries", "2025-03-07",
                                          "Negotiators met in Geneva."));
}

nlohmann::json last_line_json(const std::string& out) {
  std::string s = out;
  while (!s.empty() && s.back() == '\n') s.pop_back();
  return nlohmann::json::parse(s.substr(s.rfind('\n') == std::string::npos ? 0 : s.rfind('\n') + 1));
}

}  // namespace

TEST_CASE("the shipped example config parses with every key it documents", "[config]") {
  auto entries = read_config_file(source_path("packaging/config.example"));
  INFO((entries ? "" : entries.error().message));
  REQUIRE(entries);
  std::map<std::string, std::vector<std::string>> by_key;
  for (const auto& e : *entries) by_key[e.key].push_back(e.value);
  CHECK(by_key["db"] == std::vector<std::string>{"/var/lib/newsearch/db"});
  CHECK(by_key["folder"].size() == 2);
  CHECK(by_key["language"] == std::vector<std::string>{"english"});
  CHECK(by_key["batch"] == std::vector<std::string>{"5000"});
  CHECK(by_key["bind"] == std::vector<std::string>{"127.0.0.1"});
  CHECK(by_key["port"] == std::vector<std::string>{"8080"});
  CHECK(by_key["max-age"] == std::vector<std::string>{"36"});
  // Every key the loader knows is at least mentioned in the example (commented or not).
  const std::string text = read_file(source_path("packaging/config.example"));
  for (const auto& k : newsearch::config_keys()) CHECK(text.find(std::string(k.name) + " = ") != std::string::npos);
}

TEST_CASE("config lines: comments and blanks skipped and values trimmed and ~ expanded", "[config]") {
  TempDir dir;
  const std::string file = dir / "config";
  write_file(file, "# a comment\n\n   db   =   ~/news.db   # trailing comment\nfolder=/a\nfolder = /b\r\n");
  auto entries = read_config_file(file);
  INFO((entries ? "" : entries.error().message));
  REQUIRE(entries);
  REQUIRE(entries->size() == 3);
  const char* home = std::getenv("HOME");
  REQUIRE(home);
  CHECK((*entries)[0].key == "db");
  CHECK((*entries)[0].value == std::string(home) + "/news.db");
  CHECK((*entries)[0].line == 3);
  CHECK((*entries)[1].value == "/a");
  CHECK((*entries)[2].value == "/b");
  CHECK((*entries)[2].line == 5);
}

TEST_CASE("config errors name the file and line and key", "[config]") {
  struct Case {
    std::string text;
    int line;
    std::string must_say;
  };
  const std::vector<Case> cases = {
      {"db = /x\ncolour = red\n", 2, "unknown key 'colour'"},
      {"db /x\n", 1, "expected key = value"},
      {"[serve]\nport = 1\n", 1, "sections are not used"},
      {"db =\n", 1, "key 'db' has no value"},
      {"db = /x\n\ndb = /y\n", 3, "key 'db' is already set on line 1"},
      {"db = relative/db\n", 1, "bad value for key 'db': must be an absolute path"},
      {"folder = /ok\nfolder = archive\n", 2, "bad value for key 'folder'"},
      {"language = klingon\n", 1, "bad value for key 'language': unknown language 'klingon'"},
      {"batch = 0\n", 1, "bad value for key 'batch'"},
      {"batch = lots\n", 1, "bad value for key 'batch'"},
      {"batch = -5\n", 1, "bad value for key 'batch'"},
      {"max-age = -1\n", 1, "bad value for key 'max-age'"},
      {"max-age = soon\n", 1, "bad value for key 'max-age'"},
      {"port = 70000\n", 1, "bad value for key 'port'"},
      {"port = http\n", 1, "bad value for key 'port'"},
      {"bind = 300.1.1.1\n", 1, "bad value for key 'bind'"},
      {"bind = example.org\n", 1, "bad value for key 'bind'"},
  };
  TempDir dir;
  for (const auto& c : cases) {
    const std::string file = dir / "config";
    write_file(file, c.text);
    auto entries = read_config_file(file);
    INFO(c.text);
    REQUIRE_FALSE(entries);
    CHECK_THAT(entries.error().message, Catch::StartsWith(file + ":" + std::to_string(c.line) + ": "));
    CHECK_THAT(entries.error().message, Catch::Contains(c.must_say));
  }
}

TEST_CASE("valid values of every kind are accepted", "[config]") {
  TempDir dir;
  const std::string file = dir / "config";
  write_file(file,
             "db = /srv/db\nfolder = /a\nfolder = ~/b\nlanguage = de\naliases = /etc/a.txt\n"
             "synonyms = /etc/s.txt\nbatch = 1\nmax-age = 0.5\nbind = ::\nport = 0\n");
  auto entries = read_config_file(file);
  INFO((entries ? "" : entries.error().message));
  REQUIRE(entries);
  CHECK(entries->size() == 10);
  for (const std::string bind : {"127.0.0.1", "0.0.0.0", "::1", "localhost"}) {
    write_file(file, "bind = " + bind + "\n");
    CHECK(read_config_file(file));
  }
}

TEST_CASE("a missing --config file is an error naming it", "[config][cli]") {
  TempDir dir;
  const Run r = run(isolated(dir, newsindex("--config " + dir / "nope -q " + dir.path().string())));
  CHECK(r.status == 2);
  CHECK_THAT(r.err, Catch::Contains("cannot read config file " + dir / "nope"));
  const Run s = run(isolated(dir, testing::newsearch("--config " + dir / "nope anything")));
  CHECK(s.status == 2);
  CHECK_THAT(s.err, Catch::Contains("cannot read config file"));
}

TEST_CASE("both binaries stop on a bad config line with file line and key", "[config][cli]") {
  TempDir dir;
  write_file(dir / "home/.config/newsearch/config", "db = /tmp/x\nbatch = many\n");
  const std::string file = dir / "home/.config/newsearch/config";
  const Run i = run(isolated(dir, newsindex("-q " + dir.path().string())));
  CHECK(i.status == 2);
  CHECK_THAT(i.err, Catch::Contains(file + ":2: bad value for key 'batch'"));
  const Run s = run(isolated(dir, testing::newsearch("anything")));
  CHECK(s.status == 2);
  CHECK_THAT(s.err, Catch::Contains(file + ":2:"));
  const Run st = run(isolated(dir, newsindex("status")));
  CHECK(st.status == 2);
  CHECK_THAT(st.err, Catch::Contains(file + ":2:"));
  // --help still works, so the user can read how to fix it.
  CHECK(run(isolated(dir, newsindex("--help"))).status == 0);
  CHECK(run(isolated(dir, testing::newsearch("--help"))).status == 0);
}

TEST_CASE("newsindex indexes the configured folders into the configured database", "[config][cli]") {
  TempDir dir;
  write_articles(dir);
  write_file(dir / "home/.config/newsearch/config",
             "db = " + dir / "cfg.db" + "\nfolder = " + dir / "news" + "\nfolder = " + dir / "other" +
                 "\nbatch = 1\n# serve keys are not newsindex's and are ignored by it\nport = 9999\n");
  const Run r = run(isolated(dir, newsindex("-q")));
  INFO(r.err);
  REQUIRE(r.status == 0);
  const auto s = last_line_json(r.out);
  CHECK(s["added"] == 2);
  CHECK(s["database"] == dir / "cfg.db");
  // newsearch reads the same db key.
  const Run q = run(isolated(dir, testing::newsearch("--json ceasefire")));
  INFO(q.err);
  CHECK(q.status == 0);
  CHECK(nlohmann::json::parse(q.out)["results"].size() == 1);
}

TEST_CASE("the command line wins over the config file and the config file over NEWSEARCH_DB", "[config][cli]") {
  TempDir dir;
  write_articles(dir);
  write_file(dir / "cfg", "db = " + dir / "cfg.db" + "\nfolder = " + dir / "news" + "\n");
  // A PATH on the command line replaces the configured folders; --db replaces db.
  Run r = run(isolated(dir, newsindex("-q --config " + dir / "cfg" + " --db " + dir / "cli.db " + dir / "other")));
  INFO(r.err);
  REQUIRE(r.status == 0);
  CHECK(last_line_json(r.out)["database"] == dir / "cli.db");
  CHECK(run(isolated(dir, testing::newsearch("--config " + dir / "cfg" + " --db " + dir / "cli.db ceasefire"))).status == 0);
  // The config file's db wins over $NEWSEARCH_DB.
  r = run(isolated(dir, "NEWSEARCH_DB=" + dir / "env.db " + newsindex("-q --config " + dir / "cfg")));
  REQUIRE(r.status == 0);
  CHECK(last_line_json(r.out)["database"] == dir / "cfg.db");
  CHECK(fs::exists(dir / "cfg.db"));
  CHECK_FALSE(fs::exists(dir / "env.db"));
  // Without db in the config file, $NEWSEARCH_DB applies.
  write_file(dir / "cfg2", "folder = " + dir / "news" + "\n");
  r = run(isolated(dir, "NEWSEARCH_DB=" + dir / "env.db " + newsindex("-q --config " + dir / "cfg2")));
  REQUIRE(r.status == 0);
  CHECK(last_line_json(r.out)["database"] == dir / "env.db");
}

TEST_CASE("the user's config file comes before /etc/newsearch/config", "[config]") {
  // default_config_files() lists the user's file before /etc/newsearch/config.
  TempDir dir;
  const char* had = std::getenv("XDG_CONFIG_HOME");
  const std::string before = had ? had : "";
  setenv("XDG_CONFIG_HOME", (dir / "xdg").c_str(), 1);
  const auto files = newsearch::default_config_files();
  if (had)
    setenv("XDG_CONFIG_HOME", before.c_str(), 1);
  else
    unsetenv("XDG_CONFIG_HOME");
  REQUIRE(files.size() == 2);
  CHECK(files[0] == dir / "xdg/newsearch/config");
  CHECK(files[1] == "/etc/newsearch/config");
}
