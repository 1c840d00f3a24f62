// tool_main.hpp -- the one main() harness every helicase-* executable runs through.
//
// run_tool() builds the CLI11 app (shared options + the tool's own), rewrites GATK's
// single-dash names, parses (usage errors exit 2; --help and --version exit 0), sets up
// logging and the thread pool, runs the tool, and turns every failure into one line
// "<tool>: error: <message>" with the exit code of its category (architecture.md):
// helicase::Error by its kind, std::bad_alloc as 4, anything else as 70.
#pragma once

#include <CLI/CLI.hpp>

#include <functional>
#include <memory>
#include <string>

#include "common/log.hpp"
#include "common/options.hpp"
#include "common/thread_pool.hpp"
#include "runtime/backend.hpp"

namespace helicase {

class ToolContext {
 public:
  ToolContext(std::string tool, std::string command_line, CommonOptions common, Logger& log);
  ~ToolContext();

  const std::string& tool() const { return tool_; }
  const CommonOptions& common() const { return common_; }
  Logger& log() { return log_; }
  ThreadPool& pool();
  // Chooses the backend on first use (--device rule); later calls return the same one.
  const Backend& backend();
  // "@PG\tID:<tool>\tPN:<tool>\tVN:<version>\tCL:<command line>"
  std::string pg_line() const;
  bool progress_enabled() const { return !common_.quiet; }

 private:
  std::string tool_, command_line_;
  CommonOptions common_;
  Logger& log_;
  std::unique_ptr<ThreadPool> pool_;
  std::unique_ptr<Backend> backend_;
};

struct ToolSpec {
  std::string name;         // "helicase-fastq"
  std::string description;  // one line for --help
};

using ToolConfigure = std::function<void(CLI::App&)>;
using ToolRun = std::function<int(ToolContext&)>;

int run_tool(const ToolSpec& spec, int argc, char** argv, const ToolConfigure& configure, const ToolRun& run);

// "helicase-fastq 0.1.0 (commit ..., Release)\nCUDA: ...; GPU: ..."
std::string version_text(const std::string& tool);

}  // namespace helicase
