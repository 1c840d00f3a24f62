// tool_main.cpp -- argument parsing, logging set-up and error-to-exit-code mapping.
#include "tool_main.hpp"

#include <algorithm>
#include <cstdio>
#include <exception>
#include <new>

#include "common/error.hpp"
#include "common/interrupt_cleanup.hpp"
#include "helicase/build_info.hpp"
#include "runtime/gpu_runtime.hpp"

namespace helicase {
namespace {

std::string one_line(std::string s) {
  std::replace(s.begin(), s.end(), '\n', ' ');
  while (!s.empty() && s.back() == ' ') s.pop_back();
  return s;
}

// One argument for the @PG CL field: tabs and newlines written as \t and \n (a real tab
// would split the header line into bogus fields, as bwa avoids too), quoted if needed.
std::string quote_arg(const std::string& a) {
  std::string e;
  for (char c : a) e += c == '\t' ? std::string("\\t") : c == '\n' ? std::string("\\n") : std::string(1, c);
  if (e.find_first_of(" '\"") == std::string::npos && !e.empty()) return e;
  std::string q = "'";
  for (char c : e) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

int report(const std::string& tool, const std::string& message, int code) {
  std::fprintf(stderr, "%s: error: %s\n", tool.c_str(), one_line(message).c_str());
  return code;
}

}  // namespace

std::string version_text(const std::string& tool) {
  return tool + " " + build::kVersion + " (commit " + build::kGitCommit + ", " + build::kBuildType + ")\n" +
         describe_gpu_support(gpu::probe_gpus());
}

ToolContext::ToolContext(std::string tool, std::string command_line, CommonOptions common, Logger& log)
    : tool_(std::move(tool)), command_line_(std::move(command_line)), common_(std::move(common)), log_(log) {}

ToolContext::~ToolContext() = default;

ThreadPool& ToolContext::pool() {
  if (!pool_) pool_ = std::make_unique<ThreadPool>(common_.num_threads);
  return *pool_;
}

const Backend& ToolContext::backend() {
  if (!backend_) {
    // --device cpu must work on machines where touching CUDA would fail: do not probe.
    const gpu::Probe probe = common_.device == "cpu" ? gpu::Probe{} : gpu::probe_gpus();
    backend_ = std::make_unique<Backend>(select_backend(common_.device, probe, log_, pool()));
    log_.info("backend: " + backend_->describe());
  }
  return *backend_;
}

std::string ToolContext::pg_line() const {
  return "@PG\tID:" + tool_ + "\tPN:" + tool_ + "\tVN:" + build::kVersion + "\tCL:" + command_line_;
}

int run_tool(const ToolSpec& spec, int argc, char** argv, const ToolConfigure& configure, const ToolRun& run) {
  std::vector<std::string> args(argv + 1, argv + argc);
  args = rewrite_gatk_short_names(args);
  std::string command_line = spec.name;
  for (const auto& a : args) command_line += " " + quote_arg(a);

  CommonOptions common;
  CLI::App app{spec.description, spec.name};
  app.set_version_flag("--version", [&spec] { return version_text(spec.name); });
  app.get_formatter()->column_width(40);
  try {
    add_common_options(app, common);
    configure(app);
    std::vector<std::string> reversed(args.rbegin(), args.rend());  // CLI11 takes them in reverse
    app.parse(reversed);
    if (!common.memory_limit.empty()) parse_size(common.memory_limit);  // usage error now, not mid-run
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) {
      app.exit(e);  // --help / --version
      return 0;
    }
    return report(spec.name, std::string(e.what()) + " (see " + spec.name + " --help)", exit_code(ErrorKind::Usage));
  } catch (const Error& e) {
    return report(spec.name, e.what(), exit_code(e.kind()));
  }

  Logger log(spec.name, common.quiet ? LogLevel::Warn : common.verbose ? LogLevel::Debug : LogLevel::Info);
  install_interrupt_cleanup();  // Ctrl-C / a scheduler's SIGTERM: no temporary files left behind
  try {
    if (!common.logfile.empty()) log.open_logfile(common.logfile);
    ToolContext ctx(spec.name, command_line, common, log);
    log.debug("command line: " + command_line);
    return run(ctx);
  } catch (const Error& e) {
    log.write_logfile_only(LogLevel::Error, e.what());
    return report(spec.name, e.what(), exit_code(e.kind()));
  } catch (const std::bad_alloc&) {
    return report(spec.name, "out of memory", exit_code(ErrorKind::Io));
  } catch (const std::exception& e) {
    return report(spec.name, std::string("internal error: ") + e.what(), exit_code(ErrorKind::Internal));
  } catch (...) {
    return report(spec.name, "internal error: unknown exception", exit_code(ErrorKind::Internal));
  }
}

}  // namespace helicase
