// libFuzzer entry point: see fuzz_bodies.hpp.
#include <cstdio>
#include <cstdlib>

#include "fuzz/fuzz_bodies.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string why = newsearch::fuzz::stored_record(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!why.empty()) {
    std::fprintf(stderr, "invariant violated: %s\n", why.c_str());
    std::abort();
  }
  return 0;
}
