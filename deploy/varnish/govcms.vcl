# The portal's HTTP cache (Varnish 7, Debian's package). It sits between nginx, which ends
# TLS and serves static files, and the app servers (deploy/varnish/backends.vcl). It
# listens on two sockets (deploy/systemd/varnish.service.d/govcms.conf): `web`, a Unix
# socket nginx sends visitors through, and `bans`, where the app servers send their bans.
#
# What is cached is decided by the portal: a response it may share with every anonymous
# visitor carries `Surrogate-Control: max-age=N` and `X-Cache-Tags` (govcms/page_cache.py).
# Anything else (the admin, previews, forms, a signed-in user's pages) is passed through.
# On publish, unpublish, move and delete the portal sends a BAN naming the tags of every
# page that shows the change (govcms/frontend_cache.py). docs/deployment.md, docs/caching.md.
vcl 4.1;

import std;
import directors;

# The app servers, and the `app` director that spreads requests over them.
include "backends.vcl";

# Who may ban or purge: the app servers (they send the bans) and this machine. With app
# servers on other machines, add their private addresses.
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    set req.backend_hint = app.backend();

    if (req.method == "BAN" || req.method == "PURGE") {
        # Only on the listener named `bans` (127.0.0.1:6081, or the private network's
        # address), never on the socket nginx passes visitors' requests through, and only
        # from the addresses in `purgers`.
        if (local.socket != "bans" || client.ip !~ purgers) {
            return (synth(405, "Not allowed"));
        }
        if (req.method == "PURGE") {
            return (purge);
        }
        # The portal sends a regular expression over tag names: letters, digits, `-`,
        # `,`, `|`, `(`, `)`, `^`, `$`, and `.` for everything. Nothing else.
        if (req.http.X-Cache-Tags !~ "^[-a-z0-9,|()^$.]+$") {
            return (synth(400, "Bad tags"));
        }
        if (std.ban("obj.http.X-Cache-Tags ~ " + req.http.X-Cache-Tags)) {
            return (synth(200, "Banned"));
        }
        return (synth(400, std.ban_error()));
    }

    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # The admin and previews, documents (each checks its collection's privacy), the
    # view counter, search (what someone looked for is theirs alone), and anything sent
    # with credentials.
    if (req.url ~ "^/(admin|django-admin|documents|_luot-xem|tim-kiem)(/|$)"
            || req.http.Authorization) {
        return (pass);
    }
    # A signed-in user (and anyone who has entered a page password) has a session.
    if (req.http.Cookie ~ "(^|;\s*)sessionid=") {
        return (pass);
    }
    # Every other visitor is anonymous: one copy of each page serves them all. Their
    # cookies (the CSRF token of a form they once opened) and their languages (the URL
    # names the language) would only split the cache.
    unset req.http.Cookie;
    unset req.http.Accept-Language;
    # One copy of a page, whatever is added to its address: the parameters in a fixed
    # order, those no page reads dropped (utm_source, fbclid, made-up cache busters; the
    # list is govcms/page_cache.py's CACHED_PARAMETERS), and those that take a number
    # dropped when they hold anything else.
    if (req.url ~ "\?") {
        set req.url = std.querysort(req.url);
        set req.url = regsuball(req.url, "(?<=[?&])(?!(page|year|month|p|q|don-vi|loai|tu-ngay|den-ngay|sap-xep|co-quan|linh-vuc|nam|hieu-luc)=)[^&]*(&|$)", "");
        set req.url = regsuball(req.url, "(?<=[?&])(page|year|month|p|nam)=[^&]*[^0-9&][^&]*(&|$)", "");
        set req.url = regsub(req.url, "[?&]+$", "");
    }
    return (hash);
}

sub vcl_hash {
    # A page made for HTTPS carries HSTS; one made for plain HTTP (a request straight to
    # Varnish) does not. Each is kept apart; Varnish's own hash (URL, host) follows.
    hash_data(req.http.X-Forwarded-Proto);
}

sub vcl_backend_response {
    # What the portal tells the cache is for the cache alone.
    set bereq.http.X-Surrogate = beresp.http.Surrogate-Control;
    unset beresp.http.Surrogate-Control;
    if (bereq.uncacheable) {
        return (deliver);
    }
    if (bereq.http.X-Surrogate ~ "max-age=[0-9]+" && !beresp.http.Set-Cookie
            && beresp.status == 200) {
        set beresp.ttl = std.duration(
            regsub(bereq.http.X-Surrogate, ".*max-age=([0-9]+).*", "\1") + "s", 0s);
        # An expired page is served while a fresh copy is fetched; a banned one never is.
        set beresp.grace = 30s;
        # Kept compressed: once per page, not once per visitor (nginx passes it on as it
        # is; the rare client without gzip gets it uncompressed by Varnish).
        if (beresp.http.Content-Type ~ "^(text/|application/(rss\+xml|xml|json))") {
            set beresp.do_gzip = true;
        }
        return (deliver);
    }
    # Not the portal's to share: fetch it afresh for each visitor for the next two minutes,
    # without making them wait for one another.
    set beresp.uncacheable = true;
    set beresp.ttl = 120s;
    return (deliver);
}

sub vcl_deliver {
    if (obj.uncacheable) {
        set resp.http.X-Edge-Cache = "PASS";
    } elsif (obj.hits > 0) {
        set resp.http.X-Edge-Cache = "HIT";
    } else {
        set resp.http.X-Edge-Cache = "MISS";
    }
    unset resp.http.X-Cache-Tags;
    unset resp.http.Via;
    unset resp.http.X-Varnish;
}

sub vcl_backend_error {
    # Every app server is down or too slow: a short page in the portal's language.
    set beresp.http.Content-Type = "text/html; charset=utf-8";
    set beresp.http.Cache-Control = "no-store";
    set beresp.http.Retry-After = "30";
    synthetic({"<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Cổng thông tin tạm thời gián đoạn</title></head>
<body><main><h1>Cổng thông tin tạm thời gián đoạn</h1><p>Xin vui lòng quay lại sau ít phút.</p></main></body></html>
"});
    return (deliver);
}
