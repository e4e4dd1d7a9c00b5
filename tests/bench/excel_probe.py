"""Run as a child process: export the register of DB to OUT and print the peak memory in MB."""

from __future__ import annotations

import resource
import sys

from studio_desk.db import open_database
from studio_desk.exports.register_xlsx import export_register
from studio_desk.models import User

if __name__ == "__main__":
    open_database(sys.argv[1])
    export_register(User.get(User.username == "manager"), sys.argv[2])
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
