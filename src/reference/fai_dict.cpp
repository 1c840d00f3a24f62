// fai_dict.cpp -- .fai/.gzi through HTSlib, .dict as Picard writes it.
#include "reference/fai_dict.hpp"

#include <htslib/faidx.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>

#include "common/error.hpp"

namespace helicase::reference {

void write_fai(const std::string& fasta, const std::string& fai_path, const std::string& gzi_path) {
  errno = 0;
  if (fai_build3(fasta.c_str(), fai_path.c_str(), gzi_path.c_str()) != 0) {
    const int err = errno;
    fail_io("HTSlib could not write the FASTA index of " + fasta + (err ? ": " + errno_text(err) : std::string()));
  }
}

std::string dict_path_for(const std::string& prefix) {
  static const char* const kExt[] = {".fasta.gz", ".fas.gz", ".fa.gz", ".fna.gz", ".txt.gz",
                                     ".fasta",    ".fas",    ".fa",    ".fna",    ".txt"};
  const std::string base = std::filesystem::path(prefix).filename().string();
  for (const char* ext : kExt) {
    const std::string e(ext);
    if (base.size() >= e.size() && base.compare(base.size() - e.size(), e.size(), e) == 0) {
      return prefix.substr(0, prefix.size() - e.size()) + ".dict";
    }
  }
  return prefix + ".dict";
}

std::string java_file_uri(const std::string& raw) {
  // java.io.File collapses repeated separators and drops a trailing one.
  std::string path;
  for (char c : raw) {
    if (!(c == '/' && !path.empty() && path.back() == '/')) path += c;
  }
  while (path.size() > 1 && path.back() == '/') path.pop_back();
  if (!path.empty() && path[0] == '/') return "file:" + path;
  std::error_code ec;
  std::string cwd = std::filesystem::current_path(ec).string();
  if (ec) fail_io("cannot read the working directory: " + ec.message());
  if (cwd.size() > 1 && cwd.back() == '/') cwd.pop_back();
  return "file:" + (cwd == "/" ? cwd + path : cwd + "/" + path);
}

std::string format_dict(const BnsInfo& bns, const std::vector<std::string>& md5, const std::string& uri) {
  std::string out = "@HD\tVN:1.6\n";
  for (std::size_t i = 0; i < bns.contigs.size(); ++i) {
    const ContigAnn& c = bns.contigs[i];
    out += "@SQ\tSN:" + c.name + "\tLN:" + std::to_string(c.length) + "\tM5:" + md5[i] + "\tUR:" + uri + "\n";
  }
  return out;
}

}  // namespace helicase::reference
