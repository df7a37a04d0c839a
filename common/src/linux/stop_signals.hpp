#pragma once

#include <csignal>

namespace octolog {

// The signals that ask the recorder to stop. They stay blocked and are taken
// with sigtimedwait() (StopSignal) or read through a signalfd (a wait that
// also watches a socket), so no handler and no global flag are needed.
inline sigset_t stop_signals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGHUP);
  return set;
}

} // namespace octolog
