"""Starts moto's server (DynamoDB, S3 and the rest of moto) for the local stack and the tests.

    python3 moto_launcher.py [--plain | --index-lag SECONDS]

Binds a free port on 127.0.0.1 and prints one line, ``moto ready on port N``, once it accepts
requests. It stops when its standard input closes, so the JVM that started it takes it along however
that JVM ends (Ctrl-C, SIGTERM, System.exit, SIGKILL, a crashed test fork): the operating system
closes the pipe. SIGTERM and SIGINT stop it too.

Without ``--plain`` moto's DynamoDB runs with the performance shim (``moto_fast_dynamodb``);
``--index-lag SECONDS`` makes its global secondary indexes lag the table on purpose, as DynamoDB's may.
Exit status 2: moto (or its server extras) is not installed; 3: the shim does not fit this moto.
"""

import logging
import os
import signal
import sys
import threading

MOTO = "moto[server]==5.2.1"


def main() -> None:
    args = sys.argv[1:]
    plain = "--plain" in args
    index_lag = float(args[args.index("--index-lag") + 1]) if "--index-lag" in args else 0.0
    try:
        from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app
        from werkzeug.serving import WSGIRequestHandler, make_server
    except ImportError as missing:
        print(f'moto_server is missing ({missing.name}): pip install "{MOTO}"', file=sys.stderr, flush=True)
        sys.exit(2)
    if not plain:
        sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
        try:
            import moto_fast_dynamodb

            moto_fast_dynamodb.install(index_lag_seconds=index_lag)
        except RuntimeError as unfit:
            print(str(unfit), file=sys.stderr, flush=True)
            sys.exit(3)

    class QuietHandler(WSGIRequestHandler):
        def log_request(self, code="-", size="-"):
            if str(code).startswith("5"):
                super().log_request(code, size)

    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    server = make_server("127.0.0.1", 0, DomainDispatcherApplication(create_backend_app), threaded=True,
                         request_handler=QuietHandler)
    threading.Thread(target=server.serve_forever, name="moto", daemon=True).start()
    signal.signal(signal.SIGTERM, lambda *_: os._exit(0))
    print(f"moto ready on port {server.server_port}{' (plain)' if plain else ''}", flush=True)
    os.dup2(2, 1)  # anything printed from now on goes to the log, not to a pipe nobody reads
    try:
        while sys.stdin.buffer.read(4096):
            pass  # nothing is ever written: only the end of the stream matters
    except KeyboardInterrupt:
        pass
    os._exit(0)


if __name__ == "__main__":
    main()
