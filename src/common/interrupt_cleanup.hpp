// interrupt_cleanup.hpp -- temporary outputs removed when the process is interrupted.
//
// AtomicOutput registers each temporary file it creates and unregisters it once renamed or
// removed. install_interrupt_cleanup() (run_tool calls it) catches SIGINT, SIGTERM and SIGHUP,
// as schedulers and Ctrl-C send them: the handler unlinks every registered file, then the
// signal is raised again with its default action, so the exit status still says which signal
// ended the run. The registry is a fixed table of path buffers (no allocation, no lock), the
// only state a signal handler may touch; paths longer than a slot, or more than kSlots files at
// once, are simply not cleaned on interrupt.
#pragma once

#include <string>

namespace helicase {

void track_temp_file(const std::string& path);
void untrack_temp_file(const std::string& path);
void install_interrupt_cleanup();

}  // namespace helicase
