"""The HTTP cache in front, against the machine's limit (bench/run.py, `make bench`).

Serves the portal with gunicorn behind Varnish and nginx, started from deploy/ as in
production (deploy/stack.py), and measures with wrk at 64 connections, in one run:

- cached pages straight from Varnish, and nginx serving a static file of the same size
  as each page, both over plain HTTP: the cache against the machine's limit (the ratio);
- the same pages through nginx and Varnish over HTTPS, the way visitors reach them, and
  the static file over HTTPS from the portal's nginx site (TLS costs both the same).
"""

import tempfile
import urllib.request
from pathlib import Path

from deploy.stack import Stack, free_port

CONNECTIONS = 64


def fetch(url):
    import ssl

    context = ssl._create_unverified_context()  # the benchmark's own certificate
    with urllib.request.urlopen(url, timeout=60, context=context) as response:  # noqa: S310
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
            server = serve({**env, "FRONTEND_CACHE_URLS": stack.varnish_url}, workers)
            try:
                for name, path in pages:
                    body, headers = fetch(stack.varnish_url + path)
                    fetch(stack.varnish_url + path)  # now cached
                    _body, again = fetch(stack.varnish_url + path)
                    if again.get("X-Edge-Cache") != "HIT":
                        raise SystemExit(f"{path} is not cached by Varnish")
                    static = Path(stack.static_root) / f"same-size-{len(body)}.html"
                    static.write_bytes(b"x" * len(body))
                    static_https = f"{stack.https_url}/static/{static.name}"
                    static_http = f"http://127.0.0.1:{plain_port}/static/{static.name}"
                    for url in (static_https, static_http):
                        if len(fetch(url)[0]) != len(body):
                            raise SystemExit(f"nginx did not serve {url}")
                    rows.append(
                        (
                            name,
                            len(body),
                            wrk(stack.varnish_url + path, CONNECTIONS, seconds),
                            wrk(static_http, CONNECTIONS, seconds),
                            wrk(stack.https_url + path, CONNECTIONS, seconds),
                            wrk(static_https, CONNECTIONS, seconds),
                        )
                    )
                    print(f"measured {name} (HTTP cache)", flush=True)
            finally:
                stop(server)
    return rows


def print_table(rows, seconds):
    print()
    print(
        f"HTTP cache: wrk {seconds} s per figure at {CONNECTIONS} connections; "
        "nginx and Varnish from deploy/"
    )
    print(
        "| page | bytes | Varnish, HTTP | nginx static, HTTP | ratio "
        "| nginx → Varnish, HTTPS | nginx static, HTTPS | ratio | p99 ms, HTTPS | errors |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for name, size, varnish, static, through, static_tls in rows:
        errors = sum(r["errors"] for r in (varnish, static, through, static_tls))
        print(
            f"| {name} | {size} | {varnish['rps']:.0f} | {static['rps']:.0f} "
            f"| {varnish['rps'] / static['rps']:.2f} | {through['rps']:.0f} "
            f"| {static_tls['rps']:.0f} | {through['rps'] / static_tls['rps']:.2f} "
            f"| {through['p99']:.1f} | {errors} |"
        )
