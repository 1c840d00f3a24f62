// interrupt_cleanup.cpp -- see interrupt_cleanup.hpp.
#include "common/interrupt_cleanup.hpp"

#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cstring>

namespace helicase {
namespace {

constexpr int kSlots = 128;
constexpr std::size_t kPathMax = 4096;
enum : int { kFree = 0, kBusy = 1, kReady = 2 };

// Process-wide by nature: a signal handler can reach nothing else. Slots move between states
// with atomic exchanges; the handler reads only kReady slots.
struct Slot {
  std::atomic<int> state{kFree};
  char path[kPathMax];
};
Slot g_slots[kSlots];  // NOLINT: the signal handler's registry

void on_signal(int sig) {
  for (Slot& s : g_slots) {
    if (s.state.load(std::memory_order_acquire) == kReady) ::unlink(s.path);
  }
  ::signal(sig, SIG_DFL);
  ::raise(sig);
}

}  // namespace

void track_temp_file(const std::string& path) {
  if (path.size() + 1 > kPathMax) return;
  for (Slot& s : g_slots) {
    int expected = kFree;
    if (s.state.compare_exchange_strong(expected, kBusy, std::memory_order_acq_rel)) {
      std::memcpy(s.path, path.c_str(), path.size() + 1);
      s.state.store(kReady, std::memory_order_release);
      return;
    }
  }
}

void untrack_temp_file(const std::string& path) {
  for (Slot& s : g_slots) {
    int expected = kReady;
    if (s.state.load(std::memory_order_acquire) != kReady || std::strcmp(s.path, path.c_str()) != 0) continue;
    if (s.state.compare_exchange_strong(expected, kBusy, std::memory_order_acq_rel)) {
      s.state.store(kFree, std::memory_order_release);
      return;
    }
  }
}

void install_interrupt_cleanup() {
  struct sigaction sa {};
  sa.sa_handler = on_signal;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = 0;
  for (int sig : {SIGINT, SIGTERM, SIGHUP}) ::sigaction(sig, &sa, nullptr);
}

}  // namespace helicase
