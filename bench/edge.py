"""The HTTP cache in front, against the machine's limit (bench/run.py, `make bench`).

Serves the portal with gunicorn behind Varnish and nginx, started from deploy/ as in
production (deploy/stack.py), and measures with wrk at 64 connections, in one run, each
page twice: as browsers ask for it (`Accept-Encoding: gzip`, so the compressed copy
Varnish keeps), and uncompressed. For each:

- the cached page straight from Varnish, and nginx serving a static file of the same
  size (the bytes sent), both over plain HTTP: the cache against the machine's limit;
- the cached page through nginx and Varnish over HTTPS, the way visitors reach it, and
  the static file over HTTPS from the portal's nginx site (TLS costs both the same).
"""

import gzip
import ssl
import tempfile
import urllib.request
from pathlib import Path

from deploy.stack import Stack, free_port

CONNECTIONS = 64
GZIP = "Accept-Encoding: gzip"


def fetch(url, headers=None):
    context = ssl._create_unverified_context()  # the benchmark's own certificate
    request = urllib.request.Request(url, headers=headers or {})
    with urllib.request.urlopen(request, timeout=60, context=context) as response:  # noqa: S310
        return response.read(), response.headers


def measure(pages, env, *, serve, stop, wrk, port, seconds, workers):
    """``pages``: (name, path) pairs. Returns the table's rows."""
    rows = []
    with tempfile.TemporaryDirectory(prefix="govcms-bench-edge-") as folder:
        static_root, plain_port = Path(folder) / "static", free_port()
        # nginx at its fastest: one static folder over plain HTTP, beside the portal's site.
        plain = (
            f"server {{ listen 127.0.0.1:{plain_port}; "
            f"location /static/ {{ alias {static_root}/; }} }}"
        )
        with Stack(folder, backends=[port], static_root=static_root, extra_server=plain) as stack:
            stack.extra_port = plain_port
            server = serve({**env, "FRONTEND_CACHE_URLS": stack.varnish_url}, workers)
            try:
                for name, path in pages:
                    for encoding, headers in (("gzip", (GZIP,)), ("none", ())):
                        rows.append((name, encoding, *_measure(stack, path, headers, wrk, seconds)))
                    print(f"measured {name} (HTTP cache)", flush=True)
            finally:
                stop(server)
    return rows


def _measure(stack, path, headers, wrk, seconds):
    request_headers = dict(header.split(": ", 1) for header in headers)
    for _ in range(3):
        body, sent = fetch(stack.varnish_url + path, request_headers)
    if sent.get("X-Edge-Cache") != "HIT":
        raise SystemExit(f"{path} is not cached by Varnish")
    if headers and sent.get("Content-Encoding") != "gzip":
        raise SystemExit(f"{path} is not kept compressed")
    if headers:
        gzip.decompress(body)  # a whole page
    static = Path(stack.static_root) / f"same-size-{len(body)}.html"
    static.write_bytes(b"x" * len(body))
    static_https = f"{stack.https_url}/static/{static.name}"
    static_http = f"http://127.0.0.1:{stack.extra_port}/static/{static.name}"
    for url in (static_https, static_http):
        if len(fetch(url)[0]) != len(body):
            raise SystemExit(f"nginx did not serve {url}")
    return (
        len(body),
        wrk(stack.varnish_url + path, CONNECTIONS, seconds, headers),
        wrk(static_http, CONNECTIONS, seconds),
        wrk(stack.https_url + path, CONNECTIONS, seconds, headers),
        wrk(static_https, CONNECTIONS, seconds),
    )


def print_table(rows, seconds):
    print()
    print(
        f"HTTP cache: wrk {seconds} s per figure at {CONNECTIONS} connections, req/s; "
        "nginx and Varnish from deploy/"
    )
    print(
        "| page | encoding | bytes sent | Varnish, HTTP | nginx static, HTTP | ratio "
        "| nginx → Varnish, HTTPS | nginx static, HTTPS | ratio | p99 ms, HTTPS | errors |"
    )
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for name, encoding, size, varnish, static, through, static_tls in rows:
        errors = sum(r["errors"] for r in (varnish, static, through, static_tls))
        print(
            f"| {name} | {encoding} | {size} | {varnish['rps']:.0f} | {static['rps']:.0f} "
            f"| {varnish['rps'] / static['rps']:.2f} | {through['rps']:.0f} "
            f"| {static_tls['rps']:.0f} | {through['rps'] / static_tls['rps']:.2f} "
            f"| {through['p99']:.1f} | {errors} |"
        )
