"""Run as a child process: export the register of DB to OUT and print the peak memory in MB."""

from __future__ import annotations

import resource
import sys
from pathlib import Path

from studio_desk.exports.register_xlsx import export_register
from studio_desk.models import User
from studio_desk.opening import open_database


def peak_mb() -> float:
    """This process's peak resident memory. Linux's VmHWM is this program's own; ru_maxrss may
    still count the parent's memory from before the exec (the benchmark holds a whole register)."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


if __name__ == "__main__":
    open_database(sys.argv[1])
    export_register(User.get(User.username == "manager"), sys.argv[2])
    print(peak_mb())
