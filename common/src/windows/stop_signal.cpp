#include "octolog/stop_signal.hpp"

#include "octolog/error.hpp"

#include "windows/win32.hpp"

#include <condition_variable>
#include <mutex>

namespace octolog {
namespace {

// How long a console-close or shutdown handler holds the process open for the
// last flush. Windows ends the process when the handler returns, or at its own
// deadline (about 5 s after a close, more at shutdown), whichever comes first.
constexpr std::chrono::seconds k_close_grace{30};

// SetConsoleCtrlHandler's handler gets no context pointer, so what it must
// reach is the one piece of process-wide state: the flag it sets and the wait
// that lets the loop finish before Windows ends the process. StopSignal, one
// per process, owns it between its constructor and destructor. It is never
// destroyed, so a console event during exit finds it still there.
struct ConsoleStop {
  std::mutex mutex;
  std::condition_variable changed;
  bool installed = false; // a StopSignal exists
  bool requested = false; // a stop event arrived
  bool finished = false;  // the StopSignal was destroyed: the loop is done
};

ConsoleStop& console_stop() {
  static ConsoleStop& state = *new ConsoleStop;
  return state;
}

BOOL WINAPI on_console_event(DWORD event) {
  ConsoleStop& state = console_stop();
  std::unique_lock lock(state.mutex);
  if (!state.installed) {
    return FALSE;
  }
  switch (event) {
  case CTRL_C_EVENT:
  case CTRL_BREAK_EVENT:
    state.requested = true;
    state.changed.notify_all();
    return TRUE;
  case CTRL_CLOSE_EVENT:
  case CTRL_SHUTDOWN_EVENT:
    // The process ends as soon as this returns: wait for the last flush.
    state.requested = true;
    state.changed.notify_all();
    state.changed.wait_for(lock, k_close_grace, [&] { return state.finished; });
    return TRUE;
  default:
    // CTRL_LOGOFF_EVENT reaches only processes that outlive a logoff (run as
    // a service or another account), and says nothing about whose session
    // ended: not a reason to stop recording.
    return TRUE;
  }
}

} // namespace

StopSignal::StopSignal() {
  ConsoleStop& state = console_stop();
  const std::lock_guard lock(state.mutex);
  if (state.installed) {
    throw Error("a stop signal handler is already installed in this process");
  }
  if (::SetConsoleCtrlHandler(on_console_event, TRUE) == 0) {
    throw Error("cannot install a console control handler: " + error_text(::GetLastError()));
  }
  state.installed = true;
  state.requested = false;
  state.finished = false;
}

StopSignal::~StopSignal() {
  ConsoleStop& state = console_stop();
  {
    const std::lock_guard lock(state.mutex);
    state.installed = false;
    state.finished = true;
    state.changed.notify_all();
  }
  ::SetConsoleCtrlHandler(on_console_event, FALSE);
}

bool StopSignal::wait_for(std::chrono::milliseconds timeout) {
  if (m_requested) {
    return true;
  }
  ConsoleStop& state = console_stop();
  std::unique_lock lock(state.mutex);
  const auto bounded = timeout.count() < 0 ? std::chrono::milliseconds(0) : timeout;
  m_requested = state.changed.wait_for(lock, bounded, [&] { return state.requested; });
  return m_requested;
}

bool StopSignal::requested() { return wait_for(std::chrono::milliseconds(0)); }

} // namespace octolog
