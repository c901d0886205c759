# The app servers behind the cache. With several, add one backend each and add it to the
# director; Varnish then takes them in turn. Keep this file beside govcms.vcl.
vcl 4.1;

backend web1 {
    .host = "127.0.0.1";
    .port = "8000";
    .connect_timeout = 2s;
    .first_byte_timeout = 60s;
}

sub vcl_init {
    new app = directors.round_robin();
    app.add_backend(web1);
}
