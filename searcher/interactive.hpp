#pragma once
// The interactive prompt: each line a query against the already-open database, with line
// editing and history (libedit), paging and article view.
#include "searcher/print_text.hpp"
#include "searcher/search_engine.hpp"

namespace newsearch {

/// Runs until Ctrl-D or :quit; returns the exit status.
int run_interactive(SearchEngine& engine, SearchRequest base, const TextStyle& style);

}  // namespace newsearch
