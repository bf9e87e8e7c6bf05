#pragma once
// The command line of `newsearch serve`.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace newsearch {

struct ServeOptions {
  std::vector<std::string> databases;  ///< empty: default_database_path()
  std::string bind = "127.0.0.1";      ///< loopback unless asked otherwise
  int port = 8080;                     ///< 0: any free port (printed at start)
  std::size_t threads = 64;            ///< connections served at once, each thread with its own SearchEngine
  bool access_log = false;             ///< one line per request on stderr
  std::size_t cache_mb = 64;           ///< answers kept for repeated searches (0: none)
};

/// Options to run with, or the exit status when there is nothing to run
/// (0 after --help; 2 after a bad option, with the message already printed).
struct ServeCommandLine {
  ServeOptions options;
  std::optional<int> exit_status;
};

/// Parses serve's own options; argv[0] is the subcommand name ("serve").
ServeCommandLine parse_serve_options(int argc, const char* const argv[]);

}  // namespace newsearch
