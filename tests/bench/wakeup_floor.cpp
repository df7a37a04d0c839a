// The least a process can spend to wake once a second on the whole second
// of the wall clock, as the recorder does: one clock_nanosleep(TIMER_ABSTIME)
// per wake-up and nothing else. tests/bench/recorder_cpu.sh runs it beside
// the recorder, so the recorder's per-tick cost can be read above this floor.
// Runs until killed.

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>

int main() {
  timespec next{};
  if (clock_gettime(CLOCK_REALTIME, &next) != 0) {
    std::fprintf(stderr, "wakeup_floor: clock_gettime: %s\n", std::strerror(errno));
    return 1;
  }
  for (;;) {
    ++next.tv_sec;
    next.tv_nsec = 0;
    // Returns the error number itself; EINTR only retries the same deadline.
    while (const int rc = clock_nanosleep(CLOCK_REALTIME, TIMER_ABSTIME, &next, nullptr)) {
      if (rc != EINTR) {
        std::fprintf(stderr, "wakeup_floor: clock_nanosleep: %s\n", std::strerror(rc));
        return 1;
      }
    }
  }
}
