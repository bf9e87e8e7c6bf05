// libFuzzer entry point: see fuzz_http_body.hpp.
#include <cstdio>
#include <cstdlib>

#include "fuzz/fuzz_http_body.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string why = newsearch::fuzz::http_params(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!why.empty()) {
    std::fprintf(stderr, "invariant violated: %s\n", why.c_str());
    std::abort();
  }
  return 0;
}
