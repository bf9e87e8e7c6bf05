#pragma once
// A minimal reader of the seed article layout for the people tools, used until
// common/parse_text.hpp exists: title line; "-", "•", "- Author" lines; a date line;
// body lines; an optional last "Recent news about: a, b" line.
#include <string>
#include <string_view>

#include "common/article.hpp"

namespace newsearch::tools {

Article read_article_text(std::string_view text);

}  // namespace newsearch::tools
