#!/usr/bin/env python3
"""Local AWS test bed: moto's server, in this process, plus the AWS rules moto 5.2.1 is laxer on.

Run by hand (e.g. for `sam local invoke` against it):

    python3 moto_launcher.py --port 5000

Once the socket is bound it prints one line to stdout, which MotoServer (Java) reads to learn the port:

    TESTBED READY http://127.0.0.1:PORT

Control endpoints of the test bed live under /_testbed/ (see TestBedApp.control).
"""
import argparse
import os
import signal
import sys
import threading

READY_PREFIX = "TESTBED READY "
INSTALL_HINT = "Install it with: python3 -m pip install 'moto[server]==5.2.1'"
EXPECTED_MOTO_VERSION = "5.2.1"


def parse_args(argv):
    parser = argparse.ArgumentParser(description="moto server plus the AWS rules moto is laxer on")
    parser.add_argument("-H", "--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    parser.add_argument("-p", "--port", type=int, default=5000, help="port to bind; 0 picks a free one (default 5000)")
    parser.add_argument("--exit-with-stdin", action="store_true",
                        help="exit when stdin reaches EOF (the parent process died); used by MotoServer")
    return parser.parse_args(argv)


def import_moto():
    try:
        import moto
        from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app
    except ImportError as error:
        sys.stderr.write(f"moto with its server extras is not importable by {sys.executable}: {error}\n{INSTALL_HINT}\n")
        sys.exit(3)
    if moto.__version__ != EXPECTED_MOTO_VERSION:
        sys.stderr.write(f"warning: moto {moto.__version__} found; the test bed is written against "
                         f"{EXPECTED_MOTO_VERSION}. {INSTALL_HINT}\n")
    return DomainDispatcherApplication(create_backend_app)


def exit_when_stdin_closes():
    """The parent (MotoServer) holds our stdin open; EOF means it is gone, even if it was killed hard."""
    def watch():
        while sys.stdin.buffer.read(4096):
            pass
        os._exit(0)
    threading.Thread(target=watch, name="stdin-watch", daemon=True).start()


class TestBedApp:
    """WSGI wrapper around moto's app: answers /_testbed/ control calls, passes everything else to moto."""

    def __init__(self, moto_app):
        self.moto_app = moto_app

    def __call__(self, environ, start_response):
        path = environ.get("PATH_INFO", "")
        if path.startswith("/_testbed/"):
            return self.control(environ, start_response, path[len("/_testbed/"):])
        return self.moto_app(environ, start_response)

    def control(self, environ, start_response, command):
        if command == "reset" and environ["REQUEST_METHOD"] == "POST":
            return text(start_response, "200 OK", "reset\n")
        return text(start_response, "404 Not Found", f"unknown test bed control call: {command}\n")


def text(start_response, status, body):
    data = body.encode("utf-8")
    start_response(status, [("Content-Type", "text/plain; charset=utf-8"), ("Content-Length", str(len(data)))])
    return [data]


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    app = TestBedApp(import_moto())
    from werkzeug.serving import make_server
    server = make_server(args.host, args.port, app, threaded=True)
    port = server.server_port
    # moto builds some URLs (e.g. SQS queue URLs) from MOTO_PORT
    os.environ["MOTO_PORT"] = str(port)
    if args.exit_with_stdin:
        exit_when_stdin_closes()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    print(f"{READY_PREFIX}http://{args.host}:{port}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
