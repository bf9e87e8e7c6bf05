#include "common/store.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>

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

bool revision_gone(const Xapian::Error& e) {
  const std::string type = e.get_type();
  return type == "DatabaseModifiedError" || type == "DatabaseCorruptError";
}

Error error_from_xapian(const Xapian::Error& e, const std::string& path) {
  const std::string type = e.get_type();
  if (type == "DatabaseLockError")
    return {"database " + path + " is locked: another newsindex is writing to it",
            "wait for it to finish, or stop it", 2};
  if (type == "DatabaseOpeningError" || type == "DatabaseNotFoundError")
    return {"cannot open database " + path + ": " + e.get_msg(),
            "create it with: newsindex --db " + path + " FOLDER", 2};
  // A table file shorter than its index says (truncated by a crash or a copy): corrupt too.
  if (type == "DatabaseCorruptError" || (type == "DatabaseError" && e.get_msg().starts_with("EOF reading block")))
    return {"database " + path + " is corrupt: " + e.get_msg(),
            "rebuild it: move it aside and run newsindex --db " + path + " FOLDER again", 2};
  if (type == "NetworkError")
    return {"search shard " + path + " failed: " + e.get_msg(),
            "check that xapian-tcpsrv runs there (docs/deployment.md), or pass --allow-partial", 2};
  if (type == "DatabaseVersionError")
    return {"database " + path + " has a format this Xapian cannot read: " + e.get_msg(),
            "rebuild it with this version of newsindex", 2};
  // Xapian keeps the errno of a failed write: a full disk must say so, not "Error writing block 7".
  // (Sometimes only inside the message: "Modifications failed (... (No space left on device))".)
  const std::string msg = e.get_msg();
  if (msg.find(std::strerror(ENOSPC)) != std::string::npos || msg.find(std::strerror(EDQUOT)) != std::string::npos)
    return {"cannot write database " + path + ": disk full (" + msg + ")",
            "free some space and run the same command again: the database is kept at its last commit", 2};
  if (const char* why = e.get_error_string()) {
    const std::string reason = why;
    if (reason == std::strerror(ENOSPC) || reason == std::strerror(EDQUOT))
      return {"cannot write database " + path + ": disk full (" + reason + ")",
              "free some space and run the same command again: the database is kept at its last commit", 2};
    if (reason == std::strerror(EFBIG))
      return {"cannot write database " + path + ": file size limit reached (" + reason + ")",
              "raise the limit (ulimit -f) and run the same command again: the database is kept at its last commit",
              2};
    return {"database " + path + ": " + type + ": " + e.get_msg() + " (" + reason + ")", "", 2};
  }
  return {"database " + path + ": " + type + ": " + e.get_msg(), "", 2};
}

namespace {

// What Xapian writes into a glass database's folder before its version file: a creation that
// a crash cut short leaves only these, and no "iamglass".
bool is_unfinished_creation(const fs::path& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec) || fs::exists(dir / "iamglass", ec) || fs::exists(dir / "iamchert", ec)) return false;
  bool any = false;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    const std::string name = entry.path().filename().string();
    if (name != "flintlock" && !name.ends_with(".glass") && !name.ends_with(".tmp")) return false;
    any = true;
  }
  return any;
}

// Creates a new, empty database aside and renames it into place, so that a crash while
// Xapian writes its first files (kill -9 in the first milliseconds of a first run) leaves
// either no database or a whole one, never a folder that neither opens nor can be created
// again. p is absent, or the leftovers of such a crash from before this (cleared first).
void create_in_one_step(const fs::path& p) {
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(p, ec)) fs::remove(entry.path(), ec);
  const fs::path aside = p.string() + ".new";
  fs::remove_all(aside, ec);
  {
    Xapian::WritableDatabase created(aside.string(), Xapian::DB_CREATE);
    created.commit();
    created.close();
  }
  fs::rename(aside, p, ec);  // onto nothing or an empty folder; if another run won, open its database
  fs::remove_all(aside, ec);
}

}  // namespace

Result<Xapian::WritableDatabase> open_for_writing(const std::string& path, const std::string& language,
                                                  bool replacing) {
  std::error_code ec;
  const fs::path p(path);
  if (p.has_parent_path()) {
    fs::create_directories(p.parent_path(), ec);
    if (ec) return Error{"cannot create " + p.parent_path().string() + ": " + ec.message(), "", 2};
  }
  if (fs::exists(p, ec) && fs::is_directory(p, ec) && access(path.c_str(), W_OK) != 0)
    return Error{"database " + path + " is not writable", "check its owner and permissions", 2};
  try {
    if (!fs::exists(p, ec) || is_unfinished_creation(p)) create_in_one_step(p);
    Xapian::WritableDatabase db(path, Xapian::DB_CREATE_OR_OPEN);
    const std::string schema = db.get_metadata(std::string(kMetaSchema));
    if (!replacing && (db.get_doccount() > 0 || !schema.empty())) {
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
                     "rebuild it with this version: newsindex --rebuild --db " + path + " FOLDER", 2};
      combined.add_database(db);
    } catch (const Xapian::Error& e) {
      return error_from_xapian(e, path);
    }
  }
  return combined;
}

namespace {

constexpr int kOpenRetries = 5;
constexpr unsigned kRemoteTimeoutMs = 10000;        // a shard that stops answering mid-search
constexpr unsigned kRemoteConnectTimeoutMs = 3000;  // a shard host that is down or unreachable

// A stub file is text; a single-file glass database is binary.
bool is_stub_file(const std::string& path) {
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) return false;
  std::ifstream in(path, std::ios::binary);
  char buf[512];
  in.read(buf, sizeof buf);
  return std::find(buf, buf + in.gcount(), '\0') == buf + in.gcount();
}

std::optional<DatabaseSource> parse_host_port(const std::string& spec) {
  const auto colon = spec.rfind(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 >= spec.size()) return std::nullopt;
  DatabaseSource s;
  s.host = spec.substr(0, colon);
  if (s.host.size() > 2 && s.host.front() == '[' && s.host.back() == ']') s.host = s.host.substr(1, s.host.size() - 2);
  try {
    std::size_t used = 0;
    const unsigned long port = std::stoul(spec.substr(colon + 1), &used);
    if (used != spec.size() - colon - 1 || port == 0 || port > 65535) return std::nullopt;
    s.port = static_cast<unsigned>(port);
  } catch (const std::exception&) {
    return std::nullopt;
  }
  return s;
}

Result<bool> expand_one(const std::string& path, int depth, std::vector<DatabaseSource>& out) {
  if (path.starts_with("tcp://")) {
    auto s = parse_host_port(path.substr(6));
    if (!s) return Error{"bad remote shard '" + path + "'", "write it as HOST:PORT", 2};
    out.push_back(*s);
    return true;
  }
  if (!is_stub_file(path)) {
    out.push_back(DatabaseSource{path, "", 0, "", ""});
    return true;
  }
  if (depth > 8) return Error{"stub database " + path + " nests too deeply (a loop?)", "", 2};
  std::ifstream in(path);
  const fs::path dir = fs::path(path).parent_path();
  int line_no = 0;
  for (std::string line; std::getline(in, line);) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const auto start = line.find_first_not_of(" \t");
    if (start == std::string::npos || line[start] == '#') continue;
    const auto space = line.find_first_of(" \t", start);
    const std::string type = line.substr(start, space == std::string::npos ? std::string::npos : space - start);
    std::string rest = space == std::string::npos ? "" : line.substr(line.find_first_not_of(" \t", space));
    while (!rest.empty() && (rest.back() == ' ' || rest.back() == '\t')) rest.pop_back();
    const std::string where = path + ":" + std::to_string(line_no);
    if (type == "remote") {
      // Xapian's forms: "remote HOST:PORT" (TCP) and "remote :PROGRAM ARGS" (a pipe to a
      // child process, e.g. xapian-progsrv: a local shard matched on another core).
      if (rest.starts_with(":")) {
        DatabaseSource s;
        const auto gap = rest.find_first_of(" \t");
        s.program = rest.substr(1, gap == std::string::npos ? std::string::npos : gap - 1);
        if (gap != std::string::npos) s.args = rest.substr(rest.find_first_not_of(" \t", gap));
        if (s.program.empty()) return Error{where + ": no program after 'remote :'", "", 2};
        out.push_back(s);
        continue;
      }
      auto s = parse_host_port(rest);
      if (!s) return Error{where + ": remote shard '" + rest + "' is not HOST:PORT or :PROGRAM ARGS", "", 2};
      out.push_back(*s);
    } else if (type == "auto" || type == "glass" || type == "chert") {
      if (rest.empty()) return Error{where + ": no path after '" + type + "'", "", 2};
      const std::string target = fs::path(rest).is_absolute() ? rest : (dir / rest).string();
      auto r = expand_one(target, depth + 1, out);
      if (!r) return r.error();
    } else {
      return Error{where + ": unsupported stub line '" + type + "'", "use auto PATH or remote HOST:PORT", 2};
    }
  }
  return true;
}

Error check_schema(const Xapian::Database& db, const std::string& name) {
  const std::string schema = db.get_metadata(std::string(kMetaSchema));
  if (!schema.empty() && schema != std::to_string(kSchemaVersion))
    return Error{"database " + name + " has schema version " + schema + ", this newsearch reads " +
                     std::to_string(kSchemaVersion),
                 "rebuild it with this version: newsindex --db " + name + " FOLDER", 2};
  return Error{"", "", 0};
}

}  // namespace

Result<std::vector<DatabaseSource>> expand_sources(const std::vector<std::string>& paths) {
  std::vector<DatabaseSource> out;
  for (const auto& p : paths) {
    auto r = expand_one(p, 0, out);
    if (!r) return r.error();
  }
  return out;
}

Result<SearchDatabases> open_for_search(const std::vector<std::string>& paths, bool allow_partial) {
  auto sources = expand_sources(paths);
  if (!sources) return sources.error();
  SearchDatabases out;
  for (const auto& s : *sources) {
    try {
      Xapian::Database part;
      // The schema is read right after opening: a writer with small batches or a rebuild
      // swapped in can take that revision away in between (revision_gone).
      for (int attempt = 0;; ++attempt) {
        try {
          if (s.remote()) {
            out.remote = true;
            part = s.program.empty() ? Xapian::Remote::open(s.host, s.port, kRemoteTimeoutMs, kRemoteConnectTimeoutMs)
                                     : Xapian::Remote::open(s.program, s.args, kRemoteTimeoutMs);
          } else {
            std::error_code ec;
            if (!fs::exists(s.path, ec))
              return Error{"no database at " + s.path, "create it with: newsindex --db " + s.path + " FOLDER", 2};
            part = Xapian::Database(s.path);
          }
          if (Error e = check_schema(part, s.name()); !e.message.empty()) return e;
          break;
        } catch (const Xapian::DatabaseError& e) {
          if (!revision_gone(e) || attempt >= kOpenRetries) throw;
        }
      }
      out.db.add_database(part);
      out.parts.push_back(part);
    } catch (const Xapian::NetworkError& e) {
      if (!allow_partial)
        return Error{"search shard " + s.name() + " is unreachable: " + e.get_msg(),
                     "start xapian-tcpsrv there (docs/deployment.md), or pass --allow-partial to search the others",
                     2};
      out.unreachable.push_back(s.name() + ": " + e.get_msg());
    } catch (const Xapian::Error& e) {
      return error_from_xapian(e, s.name());
    }
  }
  if (out.parts.empty() && !sources->empty())
    return Error{"no search shard is reachable (" + std::to_string(out.unreachable.size()) + " tried)",
                 "start xapian-tcpsrv on the shard hosts (docs/deployment.md)", 2};
  return out;
}

Result<std::size_t> write_spelling_database(const std::vector<std::string>& paths, const std::string& out_path) {
  auto sources = expand_sources(paths);
  if (!sources) return sources.error();
  std::map<std::string, Xapian::termcount> words;
  std::map<std::string, std::map<std::string, long long>> persons;
  std::string language;
  for (const auto& s : *sources) {
    if (s.remote())
      return Error{"cannot read the spelling of remote shard " + s.name(),
                   "run this where the shard databases are (the indexer host)", 2};
    try {
      Xapian::Database db(s.path);
      if (Error e = check_schema(db, s.path); !e.message.empty()) return e;
      if (language.empty()) language = db.get_metadata(std::string(kMetaLanguage));
      for (auto w = db.spellings_begin(); w != db.spellings_end(); ++w) words[*w] += w.get_termfreq();
      const std::string prefix(kMetaPersonPrefix);
      for (auto k = db.metadata_keys_begin(prefix); k != db.metadata_keys_end(prefix); ++k) {
        auto j = nlohmann::json::parse(db.get_metadata(*k), nullptr, false);
        if (!j.is_object()) continue;
        auto& counts = persons[*k];
        for (auto& [display, n] : j.items())
          if (n.is_number_integer()) counts[display] += n.get<long long>();
      }
    } catch (const Xapian::Error& e) {
      return error_from_xapian(e, s.path);
    }
  }
  // Built aside and renamed into place: a search host may be reading the old one.
  const std::string tmp = out_path + ".new";
  std::error_code ec;
  fs::remove_all(tmp, ec);
  try {
    Xapian::WritableDatabase out(tmp, Xapian::DB_CREATE_OR_OVERWRITE);
    out.set_metadata(std::string(kMetaSchema), std::to_string(kSchemaVersion));
    out.set_metadata(std::string(kMetaLanguage), language);
    for (const auto& [w, n] : words) out.add_spelling(w, n);
    for (const auto& [key, counts] : persons) {
      nlohmann::json j = nlohmann::json::object();
      for (const auto& [display, n] : counts) j[display] = n;
      out.set_metadata(key, j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    }
    out.commit();
    out.close();
  } catch (const Xapian::Error& e) {
    return error_from_xapian(e, tmp);
  }
  const std::string old = out_path + ".old";
  fs::remove_all(old, ec);
  if (fs::exists(out_path, ec)) fs::rename(out_path, old, ec);
  fs::rename(tmp, out_path, ec);
  if (ec) return Error{"cannot move " + tmp + " to " + out_path + ": " + ec.message(), "", 2};
  fs::remove_all(old, ec);
  return words.size();
}

std::string database_language(const Xapian::Database& db) {
  std::string lang = db.get_metadata(std::string(kMetaLanguage));
  return lang.empty() ? "english" : lang;
}

}  // namespace newsearch
