#pragma once
// `newsearch serve` runs the separate newsearch-serve executable: the HTTP library (and the
// TLS and compression libraries Debian links it with) would otherwise be loaded by every
// `newsearch QUERY`, which tripled the start-up time of a command-line search.

namespace newsearch {

/// Replaces this process with newsearch-serve (found next to this executable, else on
/// PATH), passing argv[1..] on. Returns only on failure, with the exit status (2) after
/// saying why on stderr.
int exec_serve(int argc, char** argv);

}  // namespace newsearch
