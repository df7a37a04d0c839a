#include "octolog/stop_signal.hpp"

#include "octolog/error.hpp"

#include "linux/stop_signals.hpp"

#include <cerrno>
#include <cstring>
#include <ctime>
#include <pthread.h>

namespace octolog {

StopSignal::StopSignal() {
  const sigset_t set = stop_signals();
  if (const int rc = pthread_sigmask(SIG_BLOCK, &set, nullptr); rc != 0) {
    throw Error(std::string("cannot block stop signals: ") + std::strerror(rc));
  }
}

StopSignal::~StopSignal() {
  const sigset_t set = stop_signals();
  pthread_sigmask(SIG_UNBLOCK, &set, nullptr);
}

bool StopSignal::wait_for(std::chrono::milliseconds timeout) {
  if (m_requested) {
    return true;
  }
  const sigset_t set = stop_signals();
  const auto ms = timeout.count() < 0 ? 0 : timeout.count();
  timespec ts{static_cast<time_t>(ms / 1000), static_cast<long>(ms % 1000) * 1'000'000};
  for (;;) {
    const int signal = sigtimedwait(&set, nullptr, &ts);
    if (signal > 0) {
      m_requested = true;
      return true;
    }
    if (errno != EINTR) {
      return false; // EAGAIN: the time is up
    }
  }
}

bool StopSignal::requested() { return wait_for(std::chrono::milliseconds(0)); }

} // namespace octolog
