// helicase -- the dispatcher: `helicase <tool> args` runs helicase-<tool> from this folder.
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include "tool_main.hpp"

namespace {

struct ToolEntry {
  const char* name;
  const char* job;
};
constexpr ToolEntry kTools[] = {
    {"fastq", "read, validate and QC FASTQ; unaligned BAM"},
    {"index", "BWA-compatible reference index, .fai and .dict"},
    {"align", "BWA-MEM-compatible alignment"},
    {"sort", "coordinate / queryname sort with index"},
    {"markdup", "duplicate marking and metrics (Picard MarkDuplicates)"},
    {"bqsr", "base-quality recalibration table (GATK BaseRecalibrator)"},
    {"applybqsr", "apply recalibration (GATK ApplyBQSR)"},
    {"haplotypecaller", "germline SNV/indel calling (GATK HaplotypeCaller)"},
    {"fq2bam", "align, sort and mark duplicates in one pass"},
    {"germline", "fq2bam then haplotypecaller"},
};

std::filesystem::path self_dir() {
  std::error_code ec;
  auto p = std::filesystem::read_symlink("/proc/self/exe", ec);
  return ec ? std::filesystem::path(".") : p.parent_path();
}

void print_help(const std::filesystem::path& dir) {
  std::printf("helicase: GPU-accelerated genomics secondary analysis\n\n"
              "usage: helicase <tool> [options]   (same as helicase-<tool> [options])\n"
              "       helicase --version | --help\n\ntools:\n");
  for (const auto& t : kTools) {
    const bool built = std::filesystem::exists(dir / (std::string("helicase-") + t.name));
    std::printf("  %-16s %-58s %s\n", t.name, t.job, built ? "" : "(not available yet)");
  }
}

}  // namespace

int main(int argc, char** argv) {
  const auto dir = self_dir();
  if (argc < 2 || !std::strcmp(argv[1], "--help") || !std::strcmp(argv[1], "-h")) {
    print_help(dir);
    return argc < 2 ? 2 : 0;
  }
  if (!std::strcmp(argv[1], "--version")) {
    std::printf("%s\n", helicase::version_text("helicase").c_str());
    return 0;
  }
  const std::string tool = argv[1];
  bool known = false;
  for (const auto& t : kTools) known |= tool == t.name;
  if (!known) {
    std::fprintf(stderr, "helicase: error: unknown tool '%s' (see helicase --help)\n", tool.c_str());
    return 2;
  }
  const std::string exe = (dir / ("helicase-" + tool)).string();
  if (!std::filesystem::exists(exe)) {
    std::fprintf(stderr, "helicase: error: helicase-%s is not available in this build\n", tool.c_str());
    return 2;
  }
  std::vector<char*> args;
  args.push_back(const_cast<char*>(exe.c_str()));
  for (int i = 2; i < argc; ++i) args.push_back(argv[i]);
  args.push_back(nullptr);
  ::execv(exe.c_str(), args.data());
  std::fprintf(stderr, "helicase: error: cannot run %s: %s\n", exe.c_str(), std::strerror(errno));
  return 4;
}
