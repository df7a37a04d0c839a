#!/usr/bin/env python3
"""Time short commands run in turn, one run of each per round.

Usage: tests/bench/interleave.py ROUNDS COMMAND [COMMAND...]

Each round runs every command once, in order and then in reverse order on the
next round, with stdout to /dev/null; so that the drift of a shared machine
(another tenant's load, frequency, cache state) falls on all commands alike,
which runs in batches (hyperfine, perf stat -r) do not give. Prints for each
command the median wall time and the median CPU time (user + system, from
wait4), in ms, and both as ratios to the first command. Differences of a few
per cent between two builds or two database files show here where batches
flip between runs. Needs python3; commands are split as by a shell, without
one.
"""
import os
import shlex
import statistics
import sys
import time


def main() -> int:
    if len(sys.argv) < 3 or not sys.argv[1].isdigit() or int(sys.argv[1]) < 1:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    rounds = int(sys.argv[1])
    commands = [shlex.split(text) for text in sys.argv[2:]]
    if not all(commands):
        print("interleave.py: an empty command", file=sys.stderr)
        return 2
    devnull = os.open(os.devnull, os.O_WRONLY)
    wall = [[] for _ in commands]
    cpu = [[] for _ in commands]
    for n in range(rounds):
        order = range(len(commands)) if n % 2 == 0 else reversed(range(len(commands)))
        for k in order:
            start = time.perf_counter_ns()
            try:
                pid = os.posix_spawnp(commands[k][0], commands[k], os.environ,
                                      file_actions=[(os.POSIX_SPAWN_DUP2, devnull, 1)])
            except OSError as error:
                print(f"interleave.py: cannot run {commands[k][0]}: {error.strerror}",
                      file=sys.stderr)
                return 1
            _, status, usage = os.wait4(pid, 0)
            end = time.perf_counter_ns()
            if os.waitstatus_to_exitcode(status) != 0:
                print(f"interleave.py: {shlex.join(commands[k])} failed", file=sys.stderr)
                return 1
            wall[k].append((end - start) / 1e6)
            cpu[k].append((usage.ru_utime + usage.ru_stime) * 1e3)
    wall0 = statistics.median(wall[0])
    cpu0 = statistics.median(cpu[0])
    print(f"{'wall ms':>8} {'ratio':>6} {'cpu ms':>8} {'ratio':>6}  command ({rounds} runs each)")
    for k, command in enumerate(commands):
        w = statistics.median(wall[k])
        c = statistics.median(cpu[k])
        print(f"{w:8.3f} {w / wall0:6.3f} {c:8.3f} {c / cpu0:6.3f}  {shlex.join(command)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
