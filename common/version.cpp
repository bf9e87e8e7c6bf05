#include "common/version.hpp"

#include <xapian.h>

#include "common/schema.hpp"

#ifndef NEWSEARCH_SNOWBALL_VERSION
#define NEWSEARCH_SNOWBALL_VERSION "unknown"
#endif

namespace newsearch {

std::string version_text(const std::string& program) {
  return program + " " NEWSEARCH_VERSION "\n" + "Xapian " + Xapian::version_string() +
         "\nSnowball (libstemmer) " NEWSEARCH_SNOWBALL_VERSION "\ndatabase schema version " +
         std::to_string(kSchemaVersion) + "\n";
}

}  // namespace newsearch
