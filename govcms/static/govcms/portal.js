// The public portal's only script, and nothing depends on it.
//
// Counts the page's view with the portal's own beacon (editorial/stats.py): an empty POST,
// no cookie, nothing about the reader. Scripted browsers do not count.
(function () {
  "use strict";
  var beacon = document.body && document.body.getAttribute("data-view-beacon");
  if (!beacon || navigator.webdriver || !navigator.sendBeacon) return;
  navigator.sendBeacon(beacon);
})();

//
// Titles as the reader types, in the browser's own suggestion list (<datalist>), for
// every search box that names a suggestions address. Without this script the boxes are
// plain search forms.
(function () {
  "use strict";
  var WAIT_MS = 150;

  function attach(input) {
    var list = input.list;
    var url = input.getAttribute("data-suggestions-url");
    if (!list || !url || !window.fetch) return;
    var timer = null;
    var pending = null;
    var shown = "";

    input.addEventListener("input", function () {
      clearTimeout(timer);
      var text = input.value.trim();
      if (text.length < 2 || text === shown) return;
      timer = setTimeout(function () {
        if (pending) pending.abort();
        pending = new AbortController();
        fetch(url + "?q=" + encodeURIComponent(text), {
          signal: pending.signal,
          headers: { Accept: "application/json" },
        })
          .then(function (response) {
            return response.ok ? response.json() : { titles: [] };
          })
          .then(function (data) {
            shown = text;
            list.replaceChildren.apply(
              list,
              data.titles.map(function (title) {
                var option = document.createElement("option");
                option.value = title;
                return option;
              })
            );
          })
          .catch(function () {});
      }, WAIT_MS);
    });
  }

  document.querySelectorAll("input[data-suggestions-url]").forEach(attach);
})();

// The phone menu: the link that jumps to the units' menu becomes a button that opens and
// closes it in place, and says whether it is open.
(function () {
  "use strict";
  var toggle = document.querySelector(".menu-toggle");
  var menu = document.getElementById("unit-nav");
  if (!toggle || !menu) return;
  toggle.setAttribute("role", "button");
  toggle.setAttribute("aria-expanded", "false");
  function flip(event) {
    event.preventDefault();
    var open = menu.classList.toggle("is-open");
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
    if (open) {
      var first = menu.querySelector("a");
      if (first) first.focus();
    }
  }
  toggle.addEventListener("click", flip);
  toggle.addEventListener("keydown", function (event) {
    if (event.key === " ") flip(event); // a button opens with the space bar too
  });
})();

// "Print this page" on a document: a button that exists only where printing can work.
(function () {
  "use strict";
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      window.print();
    });
  });
})();
