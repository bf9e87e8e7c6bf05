// newsindex: index folders of news articles into a Xapian database.
#include <signal.h>
#include <unistd.h>

#include <boost/program_options.hpp>
#include <cstdio>
#include <iostream>

#include "common/analyzer.hpp"
#include "common/config.hpp"
#include "common/store.hpp"
#include "common/version.hpp"
#include "indexer/index_run.hpp"
#include "indexer/inspect.hpp"
#include "indexer/stats.hpp"
#include "indexer/status.hpp"

namespace po = boost::program_options;
using namespace newsearch;

namespace {

void on_signal(int) {
  g_stop_requested = true;
  static const char msg[] = "\nnewsindex: stopping: committing what is done (press again to abort)\n";
  (void)!write(STDERR_FILENO, msg, sizeof msg - 1);
  signal(SIGINT, SIG_DFL);
  signal(SIGTERM, SIG_DFL);
}

std::string languages_list() {
  std::string out;
  for (const auto& l : snowball_languages()) out += (out.empty() ? "" : ", ") + l;
  return out + ", none";
}

void usage(const po::options_description& options) {
  std::cout << "Usage: newsindex [OPTIONS] PATH...     index article files and folders\n"
               "       newsindex inspect [OPTIONS] FILE  show what the index would hold for FILE\n"
               "       newsindex status [OPTIONS]        the database and its last run (for monitoring)\n"
               "       newsindex stats [OPTIONS]         top authors, people, tags and months\n"
               "\n"
               "Walks each PATH for article files (*.txt in the news article format, *.jsonl with\n"
               "one JSON article per line), adds new articles, replaces changed ones, leaves\n"
               "unchanged ones alone and removes those whose files are gone. Safe to interrupt:\n"
               "a rerun completes the job.\n\n"
            << options
            << "\nLanguages: " << languages_list()
            << "\n\nDatabase: --db, else db in the config file, else $NEWSEARCH_DB, else\n"
               "$XDG_DATA_HOME/newsearch/db (~/.local/share/newsearch/db).\n"
               "Config file: --config FILE, else ~/.config/newsearch/config and /etc/newsearch/config\n"
               "(keys db, folder, language, aliases, batch, memory-mb; see man newsindex).\n"
               "\nExit status: 0 all indexed, 1 some input skipped (see warnings), 2 the run could\n"
               "not proceed (bad option, missing path, database locked or unwritable), 130\n"
               "interrupted (what was done is committed).\n"
               "\nExamples:\n"
               "  newsindex ~/news                      index a folder into the default database\n"
               "  newsindex --db /srv/news.db /archive   index into a given database\n"
               "  newsindex inspect corpus/000_b8c9ca3be790383f.txt\n";
}

}  // namespace

int main(int argc, char** argv) {
  if (argc > 1 && std::string(argv[1]) == "status") return status_command(argc - 1, argv + 1);
  if (argc > 1 && std::string(argv[1]) == "stats") return stats_command(argc - 1, argv + 1);
  IndexOptions opt;
  std::string max_size_mb;
  std::vector<std::string> extensions;
  po::options_description visible("Options");
  visible.add_options()
      ("help,h", "show this help and exit")
      ("version", "show versions (newsearch, Xapian, Snowball, schema) and exit")
      ("db,d", po::value(&opt.database)->value_name("DIR"), "database folder")
      ("language,l", po::value(&opt.language)->default_value("english")->value_name("LANG"),
       "stemming language (Snowball name or ISO code)")
      ("ext", po::value(&extensions)->multitoken()->value_name("EXT"),
       "article file extensions (default: .txt .jsonl)")
      ("max-size", po::value<double>()->default_value(10)->value_name("MB"), "skip files larger than this")
      ("batch", po::value(&opt.batch)->default_value(5000)->value_name("N"), "commit every N articles")
      ("memory-mb", po::value(&opt.memory_mb)->default_value(128)->value_name("MB"),
       "commit early when the batch in memory grows past MB")
      ("threads,j", po::value(&opt.threads)->default_value(0)->value_name("N"),
       "parser threads (0: one per core); one more thread writes")
      ("keep-missing", po::bool_switch(&opt.keep_missing), "keep articles whose files are gone")
      ("shards", po::value(&opt.shards)->default_value(0)->value_name("K"),
       "writer threads for a full build (0: one per core; 1: one writer straight into the database, no segments, slower past ~100k articles); updates use one")
      ("segment-size", po::value(&opt.segment_size)->default_value(20000)->value_name("N"),
       "a full build's writers start a new segment every N articles, merged at the end (0: never)")
      ("rebuild", po::bool_switch(&opt.rebuild),
       "build a complete new index aside and swap it in (searches use the old one meanwhile)")
      ("no-spelling", "do not build the spelling dictionary (\"did you mean\")")
      ("no-word-pairs", "a new database (or --rebuild) without word pairs: indexes a fifth faster, 20% smaller; two-word phrases read positions")
      ("aliases", po::value(&opt.aliases_file)->value_name("FILE"), "person alias file (see docs/aliases.md)")
      ("quiet,q", po::bool_switch(&opt.quiet), "no progress display");
  add_config_option(visible);
  po::options_description hidden;
  hidden.add_options()("paths", po::value(&opt.paths)->multitoken());
  po::options_description all;
  all.add(visible).add(hidden);
  po::positional_options_description positional;
  positional.add("paths", -1);

  po::variables_map vm;
  try {
    po::store(po::command_line_parser(argc, argv).options(all).positional(positional).run(), vm);
    if (auto err = vm.count("help") || vm.count("version") ? std::nullopt : store_config(all, vm)) {
      std::fprintf(stderr, "newsindex: error: %s\n", err->message.c_str());
      return 2;
    }
    po::notify(vm);
  } catch (const po::error& e) {
    std::fprintf(stderr, "newsindex: error: %s\nhint: newsindex --help\n", e.what());
    return 2;
  }
  if (vm.count("help")) {
    usage(visible);
    return 0;
  }
  if (vm.count("version")) {
    std::cout << version_text("newsindex");
    return 0;
  }
  if (opt.database.empty()) opt.database = default_database_path();
  if (!extensions.empty()) {
    opt.extensions.clear();
    for (auto e : extensions) {
      if (!e.starts_with('.')) e = "." + e;
      for (auto& c : e) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      opt.extensions.push_back(e);
    }
  }
  const double mb = vm["max-size"].as<double>();
  if (mb <= 0) {
    std::fprintf(stderr, "newsindex: error: --max-size must be positive\n");
    return 2;
  }
  opt.max_size = static_cast<std::uint64_t>(mb * 1024 * 1024);
  opt.spelling = !vm.count("no-spelling");
  opt.word_pairs = !vm.count("no-word-pairs");
  if (opt.batch == 0) {
    std::fprintf(stderr, "newsindex: error: --batch must be at least 1\n");
    return 2;
  }
  if (opt.memory_mb == 0) {
    std::fprintf(stderr, "newsindex: error: --memory-mb must be at least 1\n");
    return 2;
  }
  if (!is_snowball_language(opt.language)) {
    std::fprintf(stderr, "newsindex: error: unknown --language '%s'\nhint: one of: %s\n", opt.language.c_str(),
                 languages_list().c_str());
    return 2;
  }

  if (!opt.paths.empty() && opt.paths.front() == "inspect") {
    if (opt.paths.size() != 2) {
      std::fprintf(stderr, "newsindex: error: inspect takes one FILE\n");
      return 2;
    }
    return inspect_file(opt.paths[1], canonical_language(opt.language), opt.aliases_file);
  }
  if (opt.paths.empty()) {
    std::fprintf(stderr, "newsindex: error: no PATH to index\nhint: newsindex FOLDER, or folder = FOLDER in the config file\n");
    return 2;
  }

  struct sigaction sa {};
  sa.sa_handler = on_signal;
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);

  const RunSummary summary = run_index(opt);
  // Kept in the database so `newsindex status` (and the monitoring on it) sees the failure.
  if (summary.exit_code() == 2) record_failed_run(opt.database, canonical_language(opt.language), summary.json());
  if (!summary.error.empty()) {
    std::fprintf(stderr, "newsindex: error: %s\n", summary.error.c_str());
  } else {
    if (!opt.quiet || summary.exit_code() != 0)
      std::fprintf(stderr, "newsindex: %s%s\n", summary.interrupted ? "interrupted: " : "", summary.text().c_str());
    if (summary.interrupted) std::fprintf(stderr, "newsindex: rerun the same command to finish\n");
  }
  std::printf("%s\n", summary.json().c_str());
  return summary.exit_code();
}
