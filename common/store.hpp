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
Result<Xapian::WritableDatabase> open_for_writing(const std::string& path, const std::string& language);

/// Opens one or more databases (folders, stub files, shards) as one for searching.
Result<Xapian::Database> open_for_reading(const std::vector<std::string>& paths);

/// Maps a Xapian exception raised while using the database at path to an Error.
Error error_from_xapian(const Xapian::Error& e, const std::string& path);

/// The stemming language recorded in the database (defaults to "english").
std::string database_language(const Xapian::Database& db);

}  // namespace newsearch
