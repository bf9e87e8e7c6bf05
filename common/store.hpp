#pragma once
// The only code that opens Xapian databases, and the one place that turns Xapian's
// exceptions into messages for people (locked, missing, corrupt, wrong schema).
#include <xapian.h>

#include <string>
#include <vector>

#include "common/result.hpp"

namespace newsearch {

/// $NEWSEARCH_DB, else $XDG_DATA_HOME/newsearch/db, else ~/.local/share/newsearch/db.
std::string default_database_path();

/// Opens (creating if needed) the database for writing. Fails with a clear Error if it is
/// locked by another writer, unwritable, corrupt, or of another schema or language.
/// language: the Snowball language the run will use (checked against the database's).
/// replacing: the caller will replace the whole contents (--rebuild), so another schema
/// or language is no obstacle.
Result<Xapian::WritableDatabase> open_for_writing(const std::string& path, const std::string& language,
                                                  bool replacing = false);

/// Opens one or more databases (folders, stub files, shards) as one for searching.
Result<Xapian::Database> open_for_reading(const std::vector<std::string>& paths);

/// One database of a search: a local folder (or single-file database), or a remote shard
/// served by xapian-tcpsrv.
struct DatabaseSource {
  std::string path;  ///< local database
  std::string host;  ///< remote shard host (port != 0)
  unsigned port = 0;
  std::string program;  ///< remote shard over a pipe to PROGRAM ARGS (Xapian's "remote :PROGRAM ARGS")
  std::string args;
  bool remote() const { return port != 0 || !program.empty(); }
  std::string name() const {
    if (!program.empty()) return ":" + program + (args.empty() ? "" : " " + args);
    return port != 0 ? host + ":" + std::to_string(port) : path;
  }
};

/// Expands stub files (auto/glass/chert/remote lines, nested stubs) and "tcp://HOST:PORT"
/// into the databases they name, in order.
Result<std::vector<DatabaseSource>> expand_sources(const std::vector<std::string>& paths);

/// The databases of a search, opened.
struct SearchDatabases {
  Xapian::Database db;                   ///< every reachable source, as one
  std::vector<Xapian::Database> parts;   ///< each reachable source alone (metadata is per part)
  std::vector<std::string> unreachable;  ///< "HOST:PORT: why" of shards left out (allow_partial)
  bool remote = false;                   ///< a source is remote: no spelling table, built-in match spies only
};

/// Opens databases for searching, like open_for_reading, remote shards included. A remote
/// shard that cannot be reached is an error, or with allow_partial is left out and named
/// in unreachable (an error still if nothing is reachable).
Result<SearchDatabases> open_for_search(const std::vector<std::string>& paths, bool allow_partial);

/// Writes the spelling dictionary and the person spellings of the local databases
/// (paths: folders or stubs) into a new database at out, for a search host whose shards
/// are remote (Xapian's remote backend serves neither). Returns the number of words.
Result<std::size_t> write_spelling_database(const std::vector<std::string>& paths, const std::string& out);

/// Maps a Xapian exception raised while using the database at path to an Error.
Error error_from_xapian(const Xapian::Error& e, const std::string& path);

/// Whether `e` says the revision a reader holds is gone, so that opening the database again
/// is the cure: a writer committed twice since it was read (DatabaseModifiedError), or a
/// rebuild was swapped in under the handle and the old blocks read as corrupt. A database
/// that is really corrupt fails again after the new open.
bool revision_gone(const Xapian::Error& e);

/// The stemming language recorded in the database (defaults to "english").
std::string database_language(const Xapian::Database& db);

}  // namespace newsearch
