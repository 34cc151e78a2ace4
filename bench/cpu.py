"""Where a benchmark's CPU goes: the CPU seconds of process trees and of the whole
machine, read from /proc (Linux), so that a run can say which process used the cores.

A tree's seconds are those of its live processes, each with what its reaped children
used (cutime, cstime): a PostgreSQL backend or a gunicorn worker that has exited is
still counted, in its parent, once the parent has waited for it.
"""

import os
from pathlib import Path

TICK = os.sysconf("SC_CLK_TCK")


def _processes():
    """{pid: (parent pid, CPU seconds with reaped children)} of every process."""
    processes = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:  # exited while read
            continue
        fields = text[text.rindex(")") + 2 :].split()
        # after the name: state, ppid, …, utime (14th field), stime, cutime, cstime
        processes[int(stat.parent.name)] = (
            int(fields[1]),
            sum(int(ticks) for ticks in fields[11:15]) / TICK,
        )
    return processes


def tree_seconds(roots):
    """{name: CPU seconds of the process tree under each root pid} ({name: pid})."""
    processes = _processes()
    children = {}
    for pid, (parent, _seconds) in processes.items():
        children.setdefault(parent, []).append(pid)
    totals = {}
    for name, root in roots.items():
        seconds, todo = 0.0, [root] if root in processes else []
        while todo:
            pid = todo.pop()
            seconds += processes[pid][1]
            todo += children.get(pid, [])
        totals[name] = seconds
    return totals


def machine_seconds():
    """(busy, all) CPU seconds of every core since boot (/proc/stat; idle and I/O
    wait are not busy)."""
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = values[3] + values[4]
    return (sum(values[:8]) - idle) / TICK, sum(values[:8]) / TICK


def pid_from_file(path):
    try:
        return int(Path(path).read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return None
