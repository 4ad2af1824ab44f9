"""Runs a command that lives no longer than the process that started this one.

    python3 lifeline.py COMMAND [ARG ...]

The command is started with the kernel's parent-death signal set to SIGKILL (prctl PR_SET_PDEATHSIG),
so it dies with this process however this process ends. This process ends when its standard input
closes, which the operating system does when the JVM that started it ends, even by SIGKILL; when the
command exits (with its exit status); or on SIGTERM / SIGINT, which it passes on to the command first.
The local stack starts each function JVM through it, so none is left behind by a killed launcher.
"""

import ctypes
import os
import signal
import subprocess
import sys
import threading

PR_SET_PDEATHSIG = 1


def _die_with_parent() -> None:
    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


def main() -> None:
    child = subprocess.Popen(sys.argv[1:], stdin=subprocess.DEVNULL, preexec_fn=_die_with_parent)

    def pass_on(signum, _frame):
        child.send_signal(signum)

    signal.signal(signal.SIGTERM, pass_on)
    signal.signal(signal.SIGINT, pass_on)

    def watch_stdin():
        while sys.stdin.buffer.read(4096):
            pass
        os._exit(137)  # the owner is gone: the command goes with this process

    threading.Thread(target=watch_stdin, name="lifeline", daemon=True).start()
    sys.exit(child.wait())


if __name__ == "__main__":
    main()
