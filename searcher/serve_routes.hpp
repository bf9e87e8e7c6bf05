#pragma once
// The endpoints of `newsearch serve`: /api/search, /api/article, /api/suggest, /healthz,
// the built-in page, and JSON answers for everything else (400, 404, 405, 500).
#include <httplib.h>

#include "searcher/serve_cache.hpp"
#include "searcher/serve_engines.hpp"

namespace newsearch {

/// Registers every route and error handler on server; engines and cache must outlive it.
void add_routes(httplib::Server& server, EnginePerThread& engines, ResponseCache& cache);

}  // namespace newsearch
