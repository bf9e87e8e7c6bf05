#include "common/config.hpp"

#include <arpa/inet.h>

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "common/analyzer.hpp"

namespace po = boost::program_options;

namespace newsearch {

namespace {

std::string trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t\r");
  if (first == std::string_view::npos) return {};
  const auto last = s.find_last_not_of(" \t\r");
  return std::string(s.substr(first, last - first + 1));
}

bool all_digits(const std::string& s) {
  return !s.empty() && s.size() <= 9 && s.find_first_not_of("0123456789") == std::string::npos;
}

std::string known_keys_list() {
  std::string out;
  for (const auto& k : config_keys()) out += (out.empty() ? "" : ", ") + std::string(k.name);
  return out;
}

// Checks a value and returns what is wrong with it ("" if nothing); expands ~ in paths.
std::string check_value(const ConfigKey& key, std::string& value) {
  switch (key.kind) {
    case ConfigValueKind::kPath:
      if (value == "~" || value.starts_with("~/")) {
        const char* home = std::getenv("HOME");
        if (!home || !*home) return "starts with ~ but $HOME is not set";
        value = std::string(home) + value.substr(1);
      }
      if (!value.starts_with('/')) return "must be an absolute path (or start with ~/), not '" + value + "'";
      return "";
    case ConfigValueKind::kLanguage:
      if (!is_snowball_language(value)) return "unknown language '" + value + "' (newsindex --help lists them)";
      return "";
    case ConfigValueKind::kCount:
      if (!all_digits(value) || std::stol(value) < 1) return "must be a whole number of at least 1, not '" + value + "'";
      return "";
    case ConfigValueKind::kHours: {
      errno = 0;
      char* end = nullptr;
      const double h = std::strtod(value.c_str(), &end);
      if (errno || end == value.c_str() || *end || !std::isfinite(h) || h < 0)
        return "must be a number of hours of at least 0, not '" + value + "'";
      return "";
    }
    case ConfigValueKind::kPort:
      if (!all_digits(value) || std::stol(value) > 65535) return "must be a port number from 0 to 65535, not '" + value + "'";
      return "";
    case ConfigValueKind::kAddress: {
      unsigned char buf[sizeof(struct in6_addr)];
      if (value == "localhost" || inet_pton(AF_INET, value.c_str(), buf) == 1 ||
          inet_pton(AF_INET6, value.c_str(), buf) == 1)
        return "";
      return "must be an IPv4 or IPv6 address (127.0.0.1, 0.0.0.0, ::1, ::), not '" + value + "'";
    }
  }
  return "";
}

std::optional<Error> store_file(const std::string& path, const po::options_description& options,
                                po::variables_map& vm) {
  auto entries = read_config_file(path);
  if (!entries) return entries.error();
  // Boost gets only keys this program has, as `option=value` lines: the other program's keys
  // are not errors, and names like folder map onto the option they set (paths).
  std::string text;
  for (const auto& e : *entries) {
    for (const auto& k : config_keys())
      if (k.name == e.key && options.find_nothrow(std::string(k.option), false))
        text += std::string(k.option) + "=" + e.value + "\n";
  }
  std::istringstream in(text);
  try {
    po::store(po::parse_config_file(in, options), vm);
  } catch (const po::error& err) {
    return Error{path + ": " + err.what(), "see the example configuration in the newsearch man pages", 2};
  }
  return std::nullopt;
}

}  // namespace

const std::vector<ConfigKey>& config_keys() {
  static const std::vector<ConfigKey> keys = {
      {"db", "db", ConfigValueKind::kPath, false, "database folder (both programs)"},
      {"folder", "paths", ConfigValueKind::kPath, true,
       "a folder (or file) newsindex indexes when no PATH is given; one per line"},
      {"language", "language", ConfigValueKind::kLanguage, false, "stemming language for newsindex"},
      {"aliases", "aliases", ConfigValueKind::kPath, false, "person alias file for newsindex"},
      {"synonyms", "synonyms", ConfigValueKind::kPath, false, "synonyms file for newsearch"},
      {"batch", "batch", ConfigValueKind::kCount, false, "newsindex commits every this many articles"},
      {"memory-mb", "memory-mb", ConfigValueKind::kCount, false,
       "newsindex commits early when a batch grows past this many MB"},
      {"max-age", "max-age", ConfigValueKind::kHours, false,
       "newsindex status reports a last run older than this many hours"},
      {"bind", "bind", ConfigValueKind::kAddress, false, "address newsearch serve listens on"},
      {"port", "port", ConfigValueKind::kPort, false, "TCP port newsearch serve listens on"},
  };
  return keys;
}

Result<std::vector<ConfigEntry>> read_config_file(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec))
    return Error{"config file " + path + " is a folder", "give the file: --config FOLDER/config", 2};
  std::ifstream in(path);
  if (!in) return Error{"cannot read config file " + path + ": " + std::strerror(errno), "", 2};
  std::vector<ConfigEntry> entries;
  std::map<std::string, int> seen_on_line;
  std::string raw;
  for (int line_no = 1; std::getline(in, raw); ++line_no) {
    auto fail = [&](const std::string& what) {
      return Error{path + ":" + std::to_string(line_no) + ": " + what,
                   "see the example configuration in the newsearch man pages", 2};
    };
    // # starts a comment anywhere on a line, as in Boost's own parser.
    const std::string line = trim(std::string_view(raw).substr(0, raw.find('#')));
    if (line.empty()) continue;
    if (line.starts_with('['))
      return fail("sections are not used: write key = value lines (keys: " + known_keys_list() + ")");
    const auto eq = line.find('=');
    if (eq == std::string::npos) return fail("expected key = value, not '" + line + "'");
    ConfigEntry e{trim(std::string_view(line).substr(0, eq)), trim(std::string_view(line).substr(eq + 1)), path,
                  line_no};
    const ConfigKey* key = nullptr;
    for (const auto& k : config_keys())
      if (k.name == e.key) key = &k;
    if (!key) return fail("unknown key '" + e.key + "' (keys: " + known_keys_list() + ")");
    if (e.value.empty()) return fail("key '" + e.key + "' has no value");
    if (!key->repeatable) {
      if (auto it = seen_on_line.find(e.key); it != seen_on_line.end())
        return fail("key '" + e.key + "' is already set on line " + std::to_string(it->second));
      seen_on_line[e.key] = line_no;
    }
    if (const std::string wrong = check_value(*key, e.value); !wrong.empty())
      return fail("bad value for key '" + e.key + "': " + wrong);
    entries.push_back(std::move(e));
  }
  return entries;
}

std::vector<std::string> default_config_files() {
  std::vector<std::string> files;
  if (const char* xdg = std::getenv("XDG_CONFIG_HOME"); xdg && *xdg)
    files.push_back(std::string(xdg) + "/newsearch/config");
  else if (const char* home = std::getenv("HOME"); home && *home)
    files.push_back(std::string(home) + "/.config/newsearch/config");
  files.push_back("/etc/newsearch/config");
  return files;
}

void add_config_option(po::options_description& options) {
  options.add_options()("config", po::value<std::string>()->value_name("FILE"),
                        "read settings from FILE instead of ~/.config/newsearch/config and "
                        "/etc/newsearch/config");
}

std::optional<Error> store_config(const po::options_description& options, po::variables_map& vm) {
  if (vm.count("config")) return store_file(vm["config"].as<std::string>(), options, vm);
  for (const auto& file : default_config_files()) {
    std::error_code ec;
    if (!std::filesystem::exists(file, ec)) continue;
    if (auto err = store_file(file, options, vm)) return err;
  }
  return std::nullopt;
}

}  // namespace newsearch
