// newsearch-serve: the search page and JSON API over HTTP; `newsearch serve` runs it.
#include "searcher/serve.hpp"

int main(int argc, char** argv) { return newsearch::serve_main(argc, argv); }
