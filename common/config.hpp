#pragma once
// The configuration file both binaries read (~/.config/newsearch/config, /etc/newsearch/config
// or --config FILE). Lines are checked here, with file and line in every error, before
// Boost.ProgramOptions stores them: Boost's own parser reports no line numbers.
#include <boost/program_options.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.hpp"

namespace newsearch {

/// What a configuration value must look like.
enum class ConfigValueKind {
  kPath,      ///< absolute path, or ~/... (expanded to $HOME)
  kLanguage,  ///< a Snowball language name or ISO code
  kCount,     ///< a whole number >= 1
  kHours,     ///< a number of hours >= 0
  kPort,      ///< 0 .. 65535
  kAddress,   ///< an IPv4 or IPv6 address, or localhost
};

/// One key a configuration file may hold.
struct ConfigKey {
  std::string_view name;    ///< key in the file ("folder")
  std::string_view option;  ///< the long option it sets ("paths" for folder)
  ConfigValueKind kind;
  bool repeatable;          ///< may appear on several lines (values add up)
  std::string_view description;
};

/// Every key, for both binaries: a key one program does not use is ignored by it.
const std::vector<ConfigKey>& config_keys();

/// One checked `key = value` line.
struct ConfigEntry {
  std::string key;     ///< as in config_keys()
  std::string value;   ///< trimmed, ~ expanded
  std::string file;
  int line = 0;
};

/// Reads and checks one configuration file. Blank lines and # comments are skipped; every
/// other line must be `key = value` with a known key and a valid value. Errors say
/// "FILE:LINE: ..." and name the key.
Result<std::vector<ConfigEntry>> read_config_file(const std::string& path);

/// The files read when no --config is given, most important first: the user's
/// ($XDG_CONFIG_HOME/newsearch/config, else ~/.config/newsearch/config), then
/// /etc/newsearch/config. Missing files are skipped.
std::vector<std::string> default_config_files();

/// Adds `--config FILE` to a program's options, spelt the same way everywhere.
void add_config_option(boost::program_options::options_description& options);

/// Stores the configuration into vm (call after storing the command line, before notify):
/// the --config file if vm has one (it must exist), else the default files. Values already
/// in vm win; so does the user's file over /etc. Only keys that `options` knows are stored.
/// Returns an error naming file, line and key, or nothing.
std::optional<Error> store_config(const boost::program_options::options_description& options,
                                  boost::program_options::variables_map& vm);

}  // namespace newsearch
