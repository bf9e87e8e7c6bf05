#pragma once
// `newsearch serve`: the search page and the JSON API over HTTP (docs/json.md).
#include "searcher/serve_options.hpp"

namespace newsearch {

/// Serves until Ctrl-C or SIGTERM; prints the URL it serves on. Returns the exit status
/// (0 stopped cleanly, 2 could not start).
int run_serve(const ServeOptions& options);

/// The whole command (newsearch-serve's main; `newsearch serve` execs it): argv[0], then
/// serve's options.
int serve_main(int argc, char** argv);

}  // namespace newsearch
