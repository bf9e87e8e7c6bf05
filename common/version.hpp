#pragma once
#include <string>

namespace newsearch {

/// "<program> <version>" plus the Xapian and Snowball versions and the schema version.
std::string version_text(const std::string& program);

}  // namespace newsearch
