"""A local web server for the link fetcher's tests (the machines that run them
have no internet): the pages in tests/link_pages/, and pages that misbehave.
Its address is let through by LINK_FETCH_ALLOWED_ADDRESSES; a trap listener
stands for every address that must be refused, and counts who reaches it."""

import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

PAGES = Path(__file__).resolve().parent / "link_pages"
# Where each fixture page pretends to live (what a curator pastes).
ARTICLE_PATHS = {
    "/actualites/microsoft-ecarte-du-rachat-de-tiktok-39909603.htm": "zdnet_fr.html",
    "/wire/oracle-wins-tiktok": "reuters_en.html",
    "/bare": "bare.html",
}


class Trap:
    """A listening socket nobody may reach: counts the connections it accepts."""

    def __init__(self):
        self.socket = socket.create_server(("127.0.0.1", 0))
        self.socket.settimeout(0.1)
        self.port = self.socket.getsockname()[1]
        self.reached = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self):
        while not self._stop.is_set():
            try:
                connection, _address = self.socket.accept()
            except TimeoutError:
                continue
            self.reached += 1
            connection.close()

    def close(self):
        self._stop.set()
        self._thread.join()
        self.socket.close()


def handler_for(trap: Trap):
    class Handler(BaseHTTPRequestHandler):
        user_agents: list[str] = []

        def log_message(self, *args):
            pass

        def _send(self, status, body=b"", content_type="text/html; charset=utf-8", **headers):
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            for name, value in headers.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self):
            Handler.user_agents.append(self.headers.get("User-Agent", ""))
            path = self.path.split("?", 1)[0]
            if path in ARTICLE_PATHS:
                return self._send(200, (PAGES / ARTICLE_PATHS[path]).read_bytes())
            if path == "/slow":
                time.sleep(12)
                return self._send(200, b"<html><title>Too late</title></html>")
            if path == "/huge":
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.end_headers()  # no length: the reader must stop by itself
                chunk = b"<p>" + b"x" * 65_536 + b"</p>\n"
                try:
                    for _ in range(200):  # 13 MB
                        self.wfile.write(chunk)
                except OSError:
                    pass
                return None
            if path == "/to-loopback":
                return self._send(302, Location=f"http://127.0.0.1:{trap.port}/secret")
            if path == "/to-localhost":
                return self._send(302, Location=f"http://localhost:{trap.port}/secret")
            if path.startswith("/hop/"):
                left = int(path.removeprefix("/hop/"))
                target = "/bare" if left == 0 else f"/hop/{left - 1}"
                return self._send(302, Location=target)
            if path == "/moved":
                return self._send(301, Location="/wire/oracle-wins-tiktok?utm_source=feed")
            if path == "/report.pdf":
                return self._send(200, b"%PDF-1.4 not a web page", content_type="application/pdf")
            return self._send(404, b"<html><title>Not found</title></html>")

    return Handler


class LinkServer:
    def __init__(self):
        self.trap = Trap()
        self.handler = handler_for(self.trap)
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self.handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.address = f"127.0.0.1:{self.port}"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self._thread.start()

    def url(self, path: str) -> str:
        return f"http://{self.address}{path}"

    @property
    def user_agents(self) -> list[str]:
        return self.handler.user_agents

    def close(self):
        self.server.shutdown()
        self.server.server_close()
        self.trap.close()
