"""A stand-in for the Dodo API's checkout endpoints on 127.0.0.1, for the guard's tests and
benchmark: it records what it receives and answers as the API documents."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Dict, List

SESSION = {"session_id": "cks_standin", "checkout_url": "https://checkout.example/cks_standin"}
PREVIEW = {"billing_country": "US", "currency": "USD", "total_price": 500, "product_cart": []}


class StandIn:
    def __init__(self) -> None:
        self.requests: List[Dict[str, Any]] = []
        requests = self.requests

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (http.server's name)
                length = int(self.headers.get("content-length") or 0)
                body = json.loads(self.rfile.read(length) or b"null")
                requests.append({"path": self.path, "body": body})
                answer = {"/checkouts": SESSION, "/checkouts/preview": PREVIEW}.get(self.path.split("?")[0])
                data = json.dumps(answer or {"code": "NOT_FOUND", "message": "no such route"}).encode()
                self.send_response(200 if answer else 404)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base_url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
