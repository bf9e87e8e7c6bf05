#include "indexer/walk.hpp"

#include <dirent.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <set>
#include <utility>

namespace newsearch {

namespace fs = std::filesystem;

namespace {

std::string lower_extension(const std::string& name) {
  const auto dot = name.rfind('.');
  if (dot == std::string::npos) return "";
  std::string ext = name.substr(dot);
  for (auto& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ext;
}

struct Walker {
  const WalkOptions& options;
  const WalkProblem& problem;
  std::vector<FoundFile>& out;
  std::set<std::pair<dev_t, ino_t>> visiting;  // directories on the current path: loop guard

  bool wanted(const std::string& name) const {
    const auto ext = lower_extension(name);
    return std::find(options.extensions.begin(), options.extensions.end(), ext) != options.extensions.end();
  }

  // rel_offset: where the part of abs below its root starts.
  void add(const std::string& abs, std::size_t rel_offset, const struct stat& st) {
    out.push_back({abs, static_cast<std::uint32_t>(rel_offset), static_cast<std::uint64_t>(st.st_size),
                   static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000LL + st.st_mtim.tv_nsec});
  }

  void dir(const std::string& abs, std::size_t rel_offset, const struct stat& st) {
    const auto id = std::make_pair(st.st_dev, st.st_ino);
    if (!visiting.insert(id).second) {
      problem(abs, "symlink loop, skipped");
      return;
    }
    DIR* d = opendir(abs.c_str());
    if (!d) {
      problem(abs, std::string("cannot read folder: ") + std::strerror(errno));
      visiting.erase(id);
      return;
    }
    std::vector<std::string> names;
    while (dirent* e = readdir(d)) {
      if (e->d_name[0] == '.') continue;  // hidden, "." and ".."
      names.emplace_back(e->d_name);
    }
    closedir(d);
    std::sort(names.begin(), names.end());
    for (const auto& name : names) {
      const std::string child = abs + "/" + name;
      struct stat cst;
      if (stat(child.c_str(), &cst) != 0) {
        // A dangling symlink or a file that vanished mid-walk.
        struct stat lst;
        if (lstat(child.c_str(), &lst) == 0 && S_ISLNK(lst.st_mode))
          problem(child, "broken symlink, skipped");
        continue;
      }
      if (S_ISDIR(cst.st_mode))
        dir(child, rel_offset, cst);
      else if (S_ISREG(cst.st_mode) && wanted(name))
        add(child, rel_offset, cst);
    }
    visiting.erase(id);
  }
};

}  // namespace

std::string absolute_path(const std::string& path) {
  std::error_code ec;
  fs::path p = fs::absolute(path, ec);
  if (ec) p = path;
  std::string s = p.lexically_normal().string();
  while (s.size() > 1 && s.back() == '/') s.pop_back();
  return s;
}

std::vector<FoundFile> walk(const std::vector<std::string>& roots, const WalkOptions& options,
                            const WalkProblem& problem) {
  std::vector<FoundFile> out;
  Walker walker{options, problem, out, {}};
  for (const auto& given : roots) {
    const std::string root = absolute_path(given);
    struct stat st;
    if (stat(root.c_str(), &st) != 0) {
      problem(root, std::strerror(errno));
      continue;
    }
    if (S_ISDIR(st.st_mode))
      walker.dir(root, root.size() + 1, st);
    else if (S_ISREG(st.st_mode))
      walker.add(root, root.rfind('/') + 1, st);
    else
      problem(root, "not a regular file or folder");
  }
  std::sort(out.begin(), out.end(), [](const FoundFile& a, const FoundFile& b) { return a.abs_path < b.abs_path; });
  out.erase(std::unique(out.begin(), out.end(),
                        [](const FoundFile& a, const FoundFile& b) { return a.abs_path == b.abs_path; }),
            out.end());
  out.shrink_to_fit();  // the run keeps the list to its end: not the growth's spare half
  return out;
}

}  // namespace newsearch
