#pragma once
// Data files from data/ compiled into the binaries (see common/CMakeLists.txt).
#include <optional>
#include <string_view>

namespace newsearch {

/// The contents of data/<name> as built in, or nullopt if no such file was embedded.
std::optional<std::string_view> embedded_file(std::string_view name);

}  // namespace newsearch
