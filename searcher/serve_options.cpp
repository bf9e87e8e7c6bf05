#include "searcher/serve_options.hpp"

#include <boost/program_options.hpp>
#include <cstdio>
#include <iostream>

#include "common/config.hpp"
#include "common/store.hpp"

namespace po = boost::program_options;

namespace newsearch {

ServeCommandLine parse_serve_options(int argc, const char* const argv[]) {
  ServeCommandLine cl;
  ServeOptions& o = cl.options;
  po::options_description visible("Options");
  visible.add_options()
      ("help,h", "show this help and exit")
      ("db,d", po::value(&o.databases)->value_name("DIR"), "database (repeat, or a stub file, to search several as one)")
      ("port,p", po::value(&o.port)->default_value(o.port)->value_name("N"), "TCP port; 0 picks a free one")
      ("bind", po::value(&o.bind)->default_value(o.bind)->value_name("ADDR"),
       "address to listen on (0.0.0.0 or :: to be reachable from other machines)")
      ("threads", po::value(&o.threads)->default_value(o.threads)->value_name("N"),
       "worker threads: connections served at once (each has its own database handle)")
      ("access-log", po::bool_switch(&o.access_log), "print one line per request on stderr")
      ("cache-mb", po::value(&o.cache_mb)->default_value(o.cache_mb)->value_name("MB"),
       "memory for answers to repeated searches, dropped at each new commit (0: no cache)");
  add_config_option(visible);
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(argc, argv).options(visible).run(), vm);
    // The config file (db, bind, port) fills what the command line left unset.
    if (auto err = vm.count("help") ? std::nullopt : store_config(visible, vm)) {
      std::fprintf(stderr, "newsearch serve: error: %s\n", err->message.c_str());
      cl.exit_status = 2;
      return cl;
    }
    po::notify(vm);
  } catch (const po::error& e) {
    std::fprintf(stderr, "newsearch serve: error: %s\nhint: newsearch serve --help\n", e.what());
    cl.exit_status = 2;
    return cl;
  }
  if (vm.count("help")) {
    std::cout << "Usage: newsearch serve [OPTIONS]   the search page and JSON API over HTTP\n\n"
              << visible
              << "\nEndpoints: / (the search page), /api/search, /api/article, /api/suggest, /healthz\n"
                 "(docs/json.md). Database: --db, else $NEWSEARCH_DB, else $XDG_DATA_HOME/newsearch/db.\n"
                 "Stops on Ctrl-C or SIGTERM. Exit status: 0 stopped, 2 error.\n";
    cl.exit_status = 0;
    return cl;
  }
  if (o.port < 0 || o.port > 65535) {
    std::fprintf(stderr, "newsearch serve: error: --port must be from 0 to 65535\n");
    cl.exit_status = 2;
  } else if (o.threads < 1 || o.threads > 1024) {
    std::fprintf(stderr, "newsearch serve: error: --threads must be from 1 to 1024\n");
    cl.exit_status = 2;
  }
  if (o.databases.empty()) o.databases.push_back(default_database_path());
  return cl;
}

}  // namespace newsearch
