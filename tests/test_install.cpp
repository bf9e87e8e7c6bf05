// What an administrator gets: `cmake --install` into a temporary prefix and the installed
// binaries run from there; man pages and bash completion that cover every option; systemd
// units that systemd-analyze accepts; and the .deb's control fields (built with CPack,
// inspected with dpkg-deb; installing it system-wide is scripts/test-package's job).
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>

#include "common/schema.hpp"
#include "helpers.hpp"

using namespace testing;

namespace {

std::string build_dir() { return fs::path(NEWSINDEX_BIN).parent_path().parent_path().string(); }

bool have(const std::string& tool) { return run("command -v " + tool + " >/dev/null 2>&1").status == 0; }

// The prefix the build is installed into, once per test run.
const std::string& installed_prefix() {
  static TempDir dir;
  static const std::string prefix = [] {
    const Run r = run("cmake --install " + quote(build_dir()) + " --prefix " + quote(dir / "usr"));
    INFO(r.out << r.err);
    REQUIRE(r.status == 0);
    return dir / "usr";
  }();
  return prefix;
}

// The long options listed in a Boost.ProgramOptions help text ("  -d [ --db ] DIR", "  --json").
std::set<std::string> help_options(const std::string& help) {
  std::set<std::string> out;
  static const std::regex option_line(R"(^  (?:-\w \[ )?--([a-z0-9][a-z0-9-]*))");
  std::istringstream in(help);
  for (std::string line; std::getline(in, line);) {
    std::smatch m;
    if (std::regex_search(line, m, option_line)) out.insert(m[1]);
  }
  return out;
}

// The words bash completion offers after `words` (the last one is the word being completed).
std::set<std::string> completions(const std::string& script, const std::string& function,
                                  const std::vector<std::string>& words) {
  std::string array;
  for (const auto& w : words) array += quote(w) + " ";
  const Run r = run("bash -c " + quote("source " + quote(script) + "; COMP_WORDS=(" + array +
                                       "); COMP_CWORD=" + std::to_string(words.size() - 1) + "; " + function +
                                       "; printf '%s\\n' \"${COMPREPLY[@]}\""));
  REQUIRE(r.status == 0);
  std::set<std::string> out;
  std::istringstream in(r.out);
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) out.insert(line);
  return out;
}

std::set<std::string> with_dashes(const std::set<std::string>& names) {
  std::set<std::string> out;
  for (const auto& n : names) out.insert("--" + n);
  return out;
}

// How troff source spells --name: every '-' escaped.
std::string troff_option(const std::string& name) {
  std::string out = "\\-\\-";
  for (char c : name) out += c == '-' ? std::string("\\-") : std::string(1, c);
  return out;
}

struct HelpSource {
  std::string command;  ///< what prints the help
  std::string man;      ///< man page that must document it
  std::string completion_function;
  std::vector<std::string> completion_words;  ///< words before "--"
};

std::vector<HelpSource> help_sources() {
  return {
      {newsindex("--help"), "man/newsindex.1", "_newsindex", {"newsindex"}},
      {newsindex("status --help"), "man/newsindex.1", "_newsindex", {"newsindex", "status"}},
      {newsindex("stats --help"), "man/newsindex.1", "_newsindex", {"newsindex", "stats"}},
      {testing::newsearch("--help"), "man/newsearch.1", "_newsearch", {"newsearch"}},
      {testing::newsearch("serve --help"), "man/newsearch.1", "_newsearch", {"newsearch", "serve"}},
  };
}

}  // namespace

TEST_CASE("cmake --install puts every file in its place", "[install]") {
  const std::string& prefix = installed_prefix();
  for (const char* rel :
       {"bin/newsindex", "bin/newsearch", "share/man/man1/newsindex.1", "share/man/man1/newsearch.1",
        "share/newsearch/aliases.txt", "share/newsearch/synonyms.txt", "share/bash-completion/completions/newsindex",
        "share/bash-completion/completions/newsearch", "share/doc/newsearch/examples/config",
        "share/doc/newsearch/examples/newsearch.cron", "lib/systemd/system/newsearch-index.service",
        "lib/systemd/system/newsearch-index.timer", "lib/systemd/system/newsearch-serve.service"}) {
    INFO(rel);
    CHECK(fs::is_regular_file(prefix + "/" + rel));
  }
  CHECK(read_file(prefix + "/share/newsearch/synonyms.txt") == read_file(source_path("data/synonyms.txt")));
  CHECK(read_file(prefix + "/share/doc/newsearch/examples/config") == read_file(source_path("packaging/config.example")));
  // The units run the binaries of this prefix.
  CHECK_THAT(read_file(prefix + "/lib/systemd/system/newsearch-index.service"),
             Catch::Contains("ExecStart=" + prefix + "/bin/newsindex --quiet"));
  CHECK_THAT(read_file(prefix + "/lib/systemd/system/newsearch-serve.service"),
             Catch::Contains("ExecStart=" + prefix + "/bin/newsearch serve"));
}

TEST_CASE("the installed binaries index and search and report their versions", "[install]") {
  const std::string& prefix = installed_prefix();
  TempDir dir;
  write_file(dir / "news/a.txt", article("Ceasefire talks resume", "Anna Berg", "08:30, 07 March, 2025",
                                         "Negotiators met in Geneva to discuss a ceasefire."));
  write_file(dir / "config", "db = " + dir / "db" + "\nfolder = " + dir / "news" + "\n");
  const std::string env = "env -u NEWSEARCH_DB HOME=" + quote(dir.path().string()) + " ";
  const Run index = run(env + prefix + "/bin/newsindex -q --config " + dir / "config");
  INFO(index.err);
  REQUIRE(index.status == 0);
  const Run search = run(env + prefix + "/bin/newsearch --json --config " + dir / "config" + " ceasefire");
  INFO(search.err);
  REQUIRE(search.status == 0);
  CHECK(nlohmann::json::parse(search.out)["results"].size() == 1);
  CHECK(run(env + prefix + "/bin/newsindex status --config " + dir / "config").status == 0);

  for (const std::string program : {"newsindex", "newsearch"}) {
    const Run v = run(prefix + "/bin/" + program + " --version");
    REQUIRE(v.status == 0);
    CHECK_THAT(v.out, Catch::StartsWith(program + " "));
    CHECK_THAT(v.out, Catch::Contains("\nXapian 1."));
    CHECK_THAT(v.out, Catch::Contains("\nSnowball (libstemmer) "));
    CHECK_THAT(v.out, !Catch::Contains("Snowball (libstemmer) unknown"));
    CHECK_THAT(v.out, Catch::Contains("database schema version " + std::to_string(newsearch::kSchemaVersion)));
  }
}

TEST_CASE("the man pages document every option and field and the required sections", "[install]") {
  for (const auto& source : help_sources()) {
    const Run help = run(source.command);
    INFO(source.command);
    REQUIRE(help.status == 0);
    const auto options = help_options(help.out);
    CHECK(options.size() >= 3);
    const std::string man = read_file(source_path(source.man));
    for (const auto& o : options) {
      INFO("--" << o << " missing from " << source.man);
      CHECK(man.find(troff_option(o)) != std::string::npos);
    }
  }
  const std::string newsearch_man = read_file(source_path("man/newsearch.1"));
  for (const auto& f : newsearch::kFields) {
    if (f.name == "body") continue;
    INFO("field " << f.name);
    CHECK(newsearch_man.find(std::string(f.name) + ":") != std::string::npos);
  }
  for (const char* page : {"man/newsindex.1", "man/newsearch.1"}) {
    const std::string man = read_file(source_path(page));
    for (const char* section : {".SH SYNOPSIS", ".SH OPTIONS", ".SH EXIT STATUS", ".SH ENVIRONMENT", ".SH FILES",
                                ".SH CONFIGURATION", "NEWSEARCH_DB"}) {
      INFO(page << " lacks " << section);
      CHECK(man.find(section) != std::string::npos);
    }
  }
  const std::string newsindex_man = read_file(source_path("man/newsindex.1"));
  CHECK_THAT(newsindex_man, Catch::Contains("17 3 * * *"));  // the cron line
  CHECK_THAT(newsearch_man, Catch::Contains(".SH QUERY SYNTAX"));
}

TEST_CASE("the man pages render without warnings", "[install]") {
  if (!have("man")) {
    WARN("man is not installed: rendering not checked");
    return;
  }
  for (const char* page : {"man/newsindex.1", "man/newsearch.1"}) {
    const Run r = run("MANWIDTH=80 man --warnings -l " + quote(source_path(page)) + " >/dev/null");
    INFO(page << ": " << r.err);
    CHECK(r.status == 0);
    CHECK(r.err.empty());
  }
}

TEST_CASE("bash completion offers every option of --help and the query fields", "[install]") {
  if (!have("bash")) {
    WARN("bash is not installed: completion not checked");
    return;
  }
  const std::string& prefix = installed_prefix();
  for (const auto& source : help_sources()) {
    const Run help = run(source.command);
    REQUIRE(help.status == 0);
    const std::string script =
        prefix + "/share/bash-completion/completions/" + source.completion_words.front();
    auto words = source.completion_words;
    words.push_back("--");
    INFO(source.command);
    const auto offered = completions(script, source.completion_function, words);
    for (const auto& o : with_dashes(help_options(help.out))) {
      INFO(o << " is not offered");
      CHECK(offered.count(o) == 1);
    }
    // Nothing stale: whatever is offered is documented.
    const std::string man = read_file(source_path(source.man));
    for (const auto& o : offered) {
      INFO(o << " is offered but not in " << source.man);
      CHECK(man.find(troff_option(o.substr(2))) != std::string::npos);
    }
  }
  const std::string newsearch_script = prefix + "/share/bash-completion/completions/newsearch";
  const auto first_word = completions(newsearch_script, "_newsearch", {"newsearch", ""});
  for (const auto& f : newsearch::kFields) {
    if (f.name == "body") continue;
    CHECK(first_word.count(std::string(f.name) + ":") == 1);
  }
  CHECK(first_word.count("serve") == 1);
  CHECK(completions(newsearch_script, "_newsearch", {"newsearch", "--sort", "n"}) == std::set<std::string>{"newest"});
  const std::string newsindex_script = prefix + "/share/bash-completion/completions/newsindex";
  CHECK(completions(newsindex_script, "_newsindex", {"newsindex", "st"}) ==
        std::set<std::string>{"stats", "status"});
  // --language offers the languages newsindex itself accepts.
  const auto langs = completions(newsindex_script, "_newsindex", {NEWSINDEX_BIN, "--language", "eng"});
  CHECK(langs == std::set<std::string>{"english"});
}

TEST_CASE("the systemd units pass systemd-analyze verify", "[install]") {
  const std::string& prefix = installed_prefix();
  const std::string units = prefix + "/lib/systemd/system/";
  const std::string index = read_file(units + "newsearch-index.service");
  const std::string timer = read_file(units + "newsearch-index.timer");
  const std::string serve = read_file(units + "newsearch-serve.service");
  CHECK_THAT(index, Catch::Contains("\nType=oneshot\n"));
  CHECK_THAT(timer, Catch::Contains("\nPersistent=true\n"));
  CHECK_THAT(timer, Catch::Contains("\nOnCalendar="));
  for (const char* line : {"\nRestart=on-failure\n", "\nDynamicUser=yes\n", "\nProtectSystem=strict\n",
                           "\nReadOnlyPaths=-/var/lib/newsearch\n"}) {
    INFO(line);
    CHECK_THAT(serve, Catch::Contains(line));
  }
  if (!have("systemd-analyze")) {
    WARN("systemd-analyze is not installed (apt-get install systemd): units not verified");
    return;
  }
  // MANPATH: verify checks that the Documentation= man pages exist.
  const Run r = run("cd " + quote(units) + " && MANPATH=" + quote(prefix + "/share/man") +
                    " systemd-analyze verify ./newsearch-index.service ./newsearch-index.timer"
                    " ./newsearch-serve.service");
  INFO(r.out << r.err);
  CHECK(r.status == 0);
}

TEST_CASE("the .deb has generated Depends and every installed file", "[install][package]") {
  for (const char* tool : {"cpack", "dpkg-deb", "dpkg-shlibdeps"}) {
    if (!have(tool)) {
      WARN(std::string(tool) + " is not installed (scripts/setup installs dpkg-dev): the .deb is not checked");
      return;
    }
  }
  TempDir dir;
  const Run pack = run("cd " + quote(dir.path().string()) + " && cpack -G DEB --config " +
                       quote(build_dir() + "/CPackConfig.cmake") + " -B " + quote(dir / "out"));
  INFO(pack.out << pack.err);
  REQUIRE(pack.status == 0);
  std::string deb;
  for (const auto& e : fs::directory_iterator(dir / "out"))
    if (e.path().extension() == ".deb") deb = e.path().string();
  REQUIRE_FALSE(deb.empty());

  const Run fields = run("dpkg-deb -f " + quote(deb) + " Package Version Architecture Depends Maintainer");
  REQUIRE(fields.status == 0);
  CHECK_THAT(fields.out, Catch::Contains("Package: newsearch\n"));
  CHECK_THAT(fields.out, Catch::Contains("Version: 0."));
  CHECK_THAT(fields.out, Catch::Contains("Architecture: "));
  // Found by dpkg-shlibdeps from what the binaries link, not written by hand (libstemmer and
  // Boost.Program_options are linked statically); libedit, loaded by the prompt, by hand.
  for (const char* lib : {"libxapian30", "libcpp-httplib", "libc6", "libstdc++6", "libedit2"}) {
    INFO(lib << " not in " << fields.out);
    CHECK_THAT(fields.out, Catch::Contains(lib));
  }

  const Run contents = run("dpkg-deb -c " + quote(deb));
  REQUIRE(contents.status == 0);
  for (const char* path :
       {"./usr/bin/newsindex", "./usr/bin/newsearch", "./usr/share/man/man1/newsindex.1",
        "./usr/share/man/man1/newsearch.1", "./usr/share/newsearch/aliases.txt", "./usr/share/newsearch/synonyms.txt",
        "./usr/share/bash-completion/completions/newsearch", "./usr/share/doc/newsearch/examples/config",
        "./usr/lib/systemd/system/newsearch-index.service", "./usr/lib/systemd/system/newsearch-index.timer",
        "./usr/lib/systemd/system/newsearch-serve.service"}) {
    INFO(path);
    CHECK_THAT(contents.out, Catch::Contains(std::string(path) + "\n"));
  }
  // Nothing in /etc: dpkg -r must leave nothing behind.
  CHECK_THAT(contents.out, !Catch::Contains("./etc/"));
  const Run unit = run("dpkg-deb --fsys-tarfile " + quote(deb) +
                       " | tar -xO ./usr/lib/systemd/system/newsearch-index.service");
  CHECK_THAT(unit.out, Catch::Contains("ExecStart=/usr/bin/newsindex"));
}
