#include "common/store.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>

#include "common/schema.hpp"

namespace newsearch {

namespace fs = std::filesystem;

std::string default_database_path() {
  if (const char* env = std::getenv("NEWSEARCH_DB"); env && *env) return env;
  if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg)
    return std::string(xdg) + "/newsearch/db";
  const char* home = std::getenv("HOME");
  return std::string(home && *home ? home : ".") + "/.local/share/newsearch/db";
}

Error error_from_xapian(const Xapian::Error& e, const std::string& path) {
  const std::string type = e.get_type();
  if (type == "DatabaseLockError")
    return {"database " + path + " is locked: another newsindex is writing to it",
            "wait for it to finish, or stop it", 2};
  if (type == "DatabaseOpeningError" || type == "DatabaseNotFoundError")
    return {"cannot open database " + path + ": " + e.get_msg(),
            "create it with: newsindex --db " + path + " FOLDER", 2};
  if (type == "DatabaseCorruptError")
    return {"database " + path + " is corrupt: " + e.get_msg(),
            "rebuild it: move it aside and run newsindex --db " + path + " FOLDER again", 2};
  if (type == "DatabaseVersionError")
    return {"database " + path + " has a format this Xapian cannot read: " + e.get_msg(),
            "rebuild it with this version of newsindex", 2};
  return {"database " + path + ": " + type + ": " + e.get_msg(), "", 2};
}

Result<Xapian::WritableDatabase> open_for_writing(const std::string& path, const std::string& language) {
  std::error_code ec;
  const fs::path p(path);
  if (p.has_parent_path()) {
    fs::create_directories(p.parent_path(), ec);
    if (ec) return Error{"cannot create " + p.parent_path().string() + ": " + ec.message(), "", 2};
  }
  if (fs::exists(p, ec) && fs::is_directory(p, ec) && access(path.c_str(), W_OK) != 0)
    return Error{"database " + path + " is not writable", "check its owner and permissions", 2};
  try {
    Xapian::WritableDatabase db(path, Xapian::DB_CREATE_OR_OPEN);
    const std::string schema = db.get_metadata(std::string(kMetaSchema));
    if (db.get_doccount() > 0 || !schema.empty()) {
      if (schema != std::to_string(kSchemaVersion))
        return Error{"database " + path + " has schema version " + (schema.empty() ? "?" : schema) +
                         ", this newsindex writes version " + std::to_string(kSchemaVersion),
                     "rebuild it: newsindex --rebuild --db " + path + " FOLDER", 2};
      const std::string had = db.get_metadata(std::string(kMetaLanguage));
      if (!had.empty() && had != language)
        return Error{"database " + path + " was built with language '" + had + "', not '" + language + "'",
                     "use --language " + had + ", or index into a new database", 2};
    }
    return db;
  } catch (const Xapian::Error& e) {
    return error_from_xapian(e, path);
  }
}

Result<Xapian::Database> open_for_reading(const std::vector<std::string>& paths) {
  Xapian::Database combined;
  for (const auto& path : paths) {
    std::error_code ec;
    if (!fs::exists(path, ec))
      return Error{"no database at " + path,
                   "create it with: newsindex --db " + path + " FOLDER", 2};
    try {
      Xapian::Database db(path);
      const std::string schema = db.get_metadata(std::string(kMetaSchema));
      if (!schema.empty() && schema != std::to_string(kSchemaVersion))
        return Error{"database " + path + " has schema version " + schema + ", this newsearch reads " +
                         std::to_string(kSchemaVersion),
                     "rebuild it with this version: newsindex --db " + path + " FOLDER", 2};
      combined.add_database(db);
    } catch (const Xapian::Error& e) {
      return error_from_xapian(e, path);
    }
  }
  return combined;
}

std::string database_language(const Xapian::Database& db) {
  std::string lang = db.get_metadata(std::string(kMetaLanguage));
  return lang.empty() ? "english" : lang;
}

}  // namespace newsearch
