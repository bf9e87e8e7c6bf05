#include "searcher/interactive.hpp"

#include <cstdio>
#include <cstdlib>
#include <string>

#include "searcher/line_editor.hpp"

namespace newsearch {

namespace {

constexpr const char* kHelp =
    "Type a query and press Enter (syntax: newsearch --help).\n"
    "  :next, :prev    next or previous page       :open N   show result N in $PAGER\n"
    "  :facets         authors, people, tags, months of all matches\n"
    "  :timeline       matches per month           :help     this text\n"
    "  Ctrl-D or :quit leaves\n";

void page(const std::string& text) {
  const char* pager = std::getenv("PAGER");
  FILE* p = popen(pager && *pager ? pager : "less -R", "w");
  if (!p) {
    std::fputs(text.c_str(), stdout);
    return;
  }
  std::fputs(text.c_str(), p);
  pclose(p);
}

}  // namespace

int run_interactive(SearchEngine& engine, SearchRequest req, const TextStyle& style) {
  std::printf("newsearch: type a query, :help for commands, Ctrl-D to leave\n");
  nlohmann::json last;
  auto run = [&](bool print_hits) {
    engine.refresh();
    auto r = engine.search(req);
    if (!r) {
      std::fprintf(stderr, "error: %s\n", r.error().message.c_str());
      return;
    }
    last = std::move(*r);
    if (print_hits) std::fputs(format_results(last, style).c_str(), stdout);
  };
  LineEditor editor;
  while (auto typed = editor.read("newsearch> ")) {
    const std::string line = *typed;
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    editor.remember(line);
    if (line == ":quit" || line == ":q") break;
    if (line == ":help") {
      std::fputs(kHelp, stdout);
    } else if (line == ":next" || line == ":prev") {
      if (req.query.empty()) continue;
      if (line == ":next")
        req.offset += req.limit;
      else
        req.offset = req.offset >= req.limit ? req.offset - req.limit : 0;
      run(true);
    } else if (line.starts_with(":open")) {
      const std::size_t n = static_cast<std::size_t>(std::atoi(line.c_str() + 5));
      bool shown = false;
      for (const auto& hit : last.value("results", nlohmann::json::array())) {
        if (hit.value("rank", std::size_t{0}) != n) continue;
        auto a = engine.article(hit["id"].get<std::string>());
        if (a) page(format_article(*a, style));
        shown = true;
      }
      if (!shown) std::printf("no result %zu on this page\n", n);
    } else if (line == ":facets" || line == ":timeline") {
      if (req.query.empty()) continue;
      SearchRequest more = req;
      more.facets = line == ":facets";
      more.timeline = line == ":timeline";
      more.limit = 1;
      auto r = engine.search(more);
      if (r && more.facets) std::fputs(format_facets((*r)["facets"], style).c_str(), stdout);
      if (r && more.timeline) std::fputs(format_timeline((*r)["timeline"], style).c_str(), stdout);
    } else if (line.starts_with(":")) {
      std::printf("unknown command %s (:help lists them)\n", line.c_str());
    } else {
      req.query = line;
      req.offset = 0;
      run(true);
    }
  }
  std::printf("\n");
  return 0;
}

}  // namespace newsearch
