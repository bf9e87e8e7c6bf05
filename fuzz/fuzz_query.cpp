// libFuzzer entry point: the query front end, builder and search against corpus/ indexed
// into a temporary database at start-up (see fuzz_bodies.hpp).
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "fuzz/fuzz_bodies.hpp"
#include "fuzz/fuzz_query_db.hpp"

namespace {

newsearch::fuzz::QueryTarget* target = nullptr;
std::string db_dir;

void remove_db() {
  std::error_code ec;
  std::filesystem::remove_all(db_dir, ec);
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  db_dir = (std::filesystem::temp_directory_path() / ("newsearch-fuzz-db-" + std::to_string(getpid()))).string();
  const std::string error = newsearch::fuzz::build_query_db(NEWSEARCH_SOURCE_DIR, db_dir);
  if (!error.empty()) {
    std::fprintf(stderr, "fuzz_query: cannot build the database: %s\n", error.c_str());
    std::exit(2);
  }
  std::atexit(remove_db);
  target = new newsearch::fuzz::QueryTarget(db_dir);
  if (!target->ok()) {
    std::fprintf(stderr, "fuzz_query: cannot open the database\n");
    std::exit(2);
  }
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string why = target->run(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!why.empty()) {
    std::fprintf(stderr, "invariant violated: %s\n", why.c_str());
    std::abort();
  }
  return 0;
}
