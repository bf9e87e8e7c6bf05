// newsearch: ranked boolean and phrase search over a newsindex database.
#include <unistd.h>

#include <boost/program_options.hpp>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string_view>

#include "common/config.hpp"
#include "common/schema.hpp"
#include "common/store.hpp"
#include "common/version.hpp"
#include "searcher/command_line.hpp"
#include "searcher/interactive.hpp"
#include "searcher/print_text.hpp"
#include "searcher/search_engine.hpp"
#include "searcher/serve_launcher.hpp"
#include "searcher/synonyms.hpp"

namespace po = boost::program_options;
using namespace newsearch;

namespace {

constexpr const char* kSyntax =
    "Query syntax:\n"
    "  subsoil deal            every word must match (--any: at least one); title and phrase\n"
    "                          matches rank higher; words are stemmed (deal finds deals);\n"
    "                          English function words (the, of, what) need not match\n"
    "  \"interest rates\"        phrase, inflected forms too (finds \"interest rate\")\n"
    "  =rates  =\"rate cuts\"    exact form: no stemming for that word or phrase\n"
    "  war OR peace, war AND peace, war NOT peace, -word, +word, ( )\n"
    "                          operators are upper case; a lower-case or/and/not is a word\n"
    "  tariff NEAR trade, tariff NEAR/3 trade   words within 10 (or 3) words of each other\n"
    "  negotiat*               words starting with negotiat\n"
    "  sanchez = sánchez       accents never hide a match\n"
    "  zelensky                a name finds every spelling the people field knows\n"
    "                          (Zelenskyy, Зеленський)\n"
    "Fields:\n";

std::string fields_help() {
  std::string out;
  for (const auto& f : kFields) {
    if (f.name == "body") continue;
    char line[256];
    std::snprintf(line, sizeof line, "  %-8s %-48s e.g. %s\n", (std::string(f.name) + ":").c_str(),
                  std::string(f.description).c_str(), std::string(f.example).c_str());
    out += line;
  }
  out +=
      "  date:2025-03-01  date:2025-03  date:2025  date:2025-02-01..2025-03-31\n"
      "  date:2025-02-28..  date:..2024-12-31     (bounds inclusive)\n";
  return out;
}

void usage(const po::options_description& options) {
  std::cout << "Usage: newsearch [OPTIONS] QUERY...   search the news index\n"
               "       newsearch [OPTIONS]            interactive prompt (on a terminal)\n"
               "       newsearch serve [OPTIONS]      the search page and JSON API over HTTP\n\n"
            << kSyntax << fields_help() << "\n"
            << options
            << "\nDatabase: --db, else db in the config file, else $NEWSEARCH_DB, else\n"
               "$XDG_DATA_HOME/newsearch/db. Config file: --config FILE, else\n"
               "~/.config/newsearch/config and /etc/newsearch/config (see man newsearch).\n"
               "Exit status: 0 something found, 1 nothing found, 2 error.\n"
               "\nExamples:\n"
               "  newsearch subsoil deal\n"
               "  newsearch 'person:rutte date:2025-03' --sort newest\n"
               "  newsearch '\"interest rates\" -inflation' --json --facets\n";
}

}  // namespace

int main(int argc, char** argv) {
  if (argc > 1 && std::string_view(argv[1]) == "serve") return exec_serve(argc - 1, argv + 1);
  std::vector<std::string> dbs, remotes;
  EngineOptions engine_options;
  std::string write_spelling_db;
  SearchRequest req;
  std::string sort = "relevance", color = "auto", synonyms_file, article_id, since, until;
  po::options_description visible("Options");
  visible.add_options()
      ("help,h", "show this help and exit")
      ("version", "show versions and exit")
      ("db,d", po::value(&dbs)->value_name("DIR"), "database (repeat, or a stub file, to search several as one)")
      ("remote", po::value(&remotes)->value_name("HOST:PORT"),
       "also search the shard xapian-tcpsrv serves there (repeat; docs/deployment.md)")
      ("allow-partial", "leave out shards that cannot be reached; results say \"partial\"")
      ("spelling-db", po::value(&engine_options.spelling_db)->value_name("DIR"),
       "local spelling database for remote shards (\"did you mean\", names)")
      ("write-spelling-db", po::value(&write_spelling_db)->value_name("DIR"),
       "write the spelling and names of the --db databases to DIR and exit")
      ("json", "print one JSON document (docs/json.md)")
      ("limit,n", po::value(&req.limit)->default_value(10)->value_name("N"), "results per page")
      ("offset", po::value(&req.offset)->default_value(0)->value_name("N"), "skip the first N results")
      ("sort", po::value(&sort)->default_value("relevance")->value_name("ORDER"),
       "relevance, newest, oldest, or recent (relevance decayed by age)")
      ("half-life", po::value(&req.half_life_days)->default_value(30)->value_name("DAYS"),
       "for --sort recent: an article this much older weighs half as much")
      ("since", po::value(&since)->value_name("DATE"), "only articles on or after DATE (YYYY[-MM[-DD]])")
      ("until", po::value(&until)->value_name("DATE"), "only articles on or before DATE")
      ("any", "match any word instead of all")
      ("facets", "top authors, people, tags and months among all matches")
      ("timeline", "matches per month as a bar chart")
      ("like", po::value(&req.like)->value_name("ID|PATH"), "articles similar to this one")
      ("article", po::value(&article_id)->value_name("ID"), "show one article by id")
      ("no-collapse", "show duplicates and near-duplicates as separate hits")
      ("explain", "print the parsed query")
      ("synonyms", po::value(&synonyms_file)->value_name("FILE"), "synonyms file (default: built in)")
      ("color", po::value(&color)->default_value("auto")->value_name("WHEN"), "auto, always or never");
  add_config_option(visible);
  const SplitCommandLine command_line = split_command_line(argc, argv, visible);
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(command_line.options).options(visible).run(), vm);
    if (auto err = vm.count("help") || vm.count("version") ? std::nullopt : store_config(visible, vm)) {
      std::fprintf(stderr, "newsearch: error: %s\n", err->message.c_str());
      return 2;
    }
    po::notify(vm);
  } catch (const po::error& e) {
    std::fprintf(stderr, "newsearch: error: %s\nhint: newsearch --help\n", e.what());
    return 2;
  }
  if (vm.count("help")) {
    usage(visible);
    return 0;
  }
  if (vm.count("version")) {
    std::cout << version_text("newsearch");
    return 0;
  }
  auto sort_order = parse_sort(sort);
  if (!sort_order) {
    std::fprintf(stderr, "newsearch: error: --sort must be relevance, newest, oldest or recent, not '%s'\n", sort.c_str());
    return 2;
  }
  req.sort = *sort_order;
  if (req.limit == 0 || req.limit > 10000) {
    std::fprintf(stderr, "newsearch: error: --limit must be between 1 and 10000\n");
    return 2;
  }
  if (!since.empty()) req.since = since;
  if (!until.empty()) req.until = until;
  req.any = vm.count("any") > 0;
  req.facets = vm.count("facets") > 0;
  req.timeline = vm.count("timeline") > 0;
  req.collapse = !vm.count("no-collapse");
  for (const auto& w : command_line.query_words) req.query += (req.query.empty() ? "" : " ") + w;
  const bool json_out = vm.count("json") > 0;
  TextStyle style;
  style.color = color == "always" || (color == "auto" && isatty(STDOUT_FILENO) && !std::getenv("NO_COLOR"));
  style.width = terminal_width();
  if (color != "auto" && color != "always" && color != "never") {
    std::fprintf(stderr, "newsearch: error: --color must be auto, always or never\n");
    return 2;
  }
  for (const auto& r : remotes) dbs.push_back("tcp://" + r);
  if (dbs.empty()) dbs.push_back(default_database_path());
  engine_options.allow_partial = vm.count("allow-partial") > 0;
  if (!write_spelling_db.empty()) {
    auto written = write_spelling_database(dbs, write_spelling_db);
    if (!written) {
      std::fprintf(stderr, "newsearch: error: %s\n", written.error().message.c_str());
      if (!written.error().hint.empty()) std::fprintf(stderr, "hint: %s\n", written.error().hint.c_str());
      return 2;
    }
    std::fprintf(stderr, "newsearch: %zu spelling words written to %s\n", *written, write_spelling_db.c_str());
    return 0;
  }

  SearchEngine engine(dbs, engine_options);
  if (!engine.ok()) {
    std::fprintf(stderr, "newsearch: error: %s\n", engine.error().message.c_str());
    if (!engine.error().hint.empty()) std::fprintf(stderr, "hint: %s\n", engine.error().hint.c_str());
    return 2;
  }
  if (!synonyms_file.empty()) {
    std::vector<std::string> warnings;
    auto loaded = Synonyms::load_file(synonyms_file, &warnings);
    for (const auto& w : warnings) std::fprintf(stderr, "newsearch: warning: %s\n", w.c_str());
    if (!loaded) return 2;
    engine.set_synonyms(std::make_shared<const Synonyms>(std::move(*loaded)));
  }

  if (!article_id.empty()) {
    auto a = engine.article(article_id);
    if (!a) {
      std::fprintf(stderr, "newsearch: error: %s\n", a.error().message.c_str());
      return a.error().exit_code;
    }
    std::fputs(json_out ? (a->dump(2) + "\n").c_str() : format_article(*a, style).c_str(), stdout);
    return 0;
  }
  if (req.query.empty() && req.like.empty()) {
    if (isatty(STDIN_FILENO) && isatty(STDOUT_FILENO) && !json_out) return run_interactive(engine, req, style);
    std::fprintf(stderr, "newsearch: error: no query\nhint: newsearch QUERY (see newsearch --help)\n");
    return 2;
  }

  auto result = engine.search(req);
  if (!result) {
    std::fprintf(stderr, "newsearch: error: %s\n", result.error().message.c_str());
    if (!result.error().hint.empty()) std::fprintf(stderr, "hint: %s\n", result.error().hint.c_str());
    return result.error().exit_code;
  }
  const nlohmann::json& r = *result;
  if (json_out) {
    std::puts(r.dump(2, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
  } else {
    if (vm.count("explain")) std::printf("parsed: %s\n", r["parsed"].get<std::string>().c_str());
    std::fputs(format_results(r, style).c_str(), stdout);
    if (req.facets) std::fputs(format_facets(r["facets"], style).c_str(), stdout);
    if (req.timeline) std::fputs(format_timeline(r["timeline"], style).c_str(), stdout);
  }
  return r["results"].empty() ? 1 : 0;
}
