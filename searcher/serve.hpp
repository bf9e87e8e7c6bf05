#pragma once
// `newsearch serve`: the search page and the JSON API over HTTP (docs/json.md).
#include "searcher/serve_options.hpp"

namespace newsearch {

/// Serves until Ctrl-C or SIGTERM; prints the URL it serves on. Returns the exit status
/// (0 stopped cleanly, 2 could not start).
int run_serve(const ServeOptions& options);

/// The whole subcommand: argv[0] is "serve", then serve's options. For main():
///   if (argc > 1 && std::string_view(argv[1]) == "serve") return serve_main(argc - 1, argv + 1);
int serve_main(int argc, char** argv);

}  // namespace newsearch
