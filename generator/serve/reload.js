// relais live reload. relais serve adds this script to every HTML page it
// serves (never to the files in public/). It listens for rebuilds and
// reloads the page when a file the page shows changed, or only swaps the
// stylesheets when CSS alone changed.
(function () {
  "use strict";
  var me = document.currentScript;
  if (!me || !window.EventSource || !window.URL) return;
  var id = me.getAttribute("data-relais-id") || "";        // the build this page came from
  var page = me.getAttribute("data-relais-page") || "";    // the file served for this page
  var shownError = me.hasAttribute("data-relais-error");   // the page shows the error overlay
  var eventsURL = me.getAttribute("data-relais-events") || "/__relais/events";
  var source = null;
  var retry = 0;

  // fileOf maps a URL of this site to the file that serves it:
  // "/posts/x/" -> "posts/x/index.html". Other sites map to "".
  function fileOf(href) {
    var u;
    try { u = new URL(href, location.href); } catch (e) { return ""; }
    if (u.origin !== location.origin) return "";
    var p = u.pathname;
    try { p = decodeURIComponent(p); } catch (e) { /* keep it encoded */ }
    p = p.replace(/^\/+/, "");
    if (p === "" || p.charAt(p.length - 1) === "/") p += "index.html";
    return p;
  }

  // used lists the files the page loads: stylesheets, icons, scripts,
  // images (srcset too), media.
  function used() {
    var files = {};
    function add(href) { var f = fileOf(href); if (f) files[f] = true; }
    function each(selector, fn) { Array.prototype.forEach.call(document.querySelectorAll(selector), fn); }
    each("link[href]", function (e) { add(e.href); });
    each("script[src], img[src], source[src], video[src], audio[src], track[src], iframe[src], embed[src]", function (e) { add(e.src); });
    each("img[srcset], source[srcset]", function (e) {
      e.getAttribute("srcset").split(",").forEach(function (c) {
        var href = c.trim().split(/\s+/)[0];
        if (href) add(href);
      });
    });
    each("video[poster]", function (e) { add(e.poster); });
    each("object[data]", function (e) { add(e.data); });
    return files;
  }

  // swapStyles reloads each stylesheet of this site in place: the new
  // <link> goes in beside the old one, which leaves once the new one has
  // loaded, so the page never shows unstyled.
  function swapStyles() {
    Array.prototype.forEach.call(document.querySelectorAll('link[rel~="stylesheet"][href]'), function (old) {
      var u = new URL(old.href, location.href);
      if (u.origin !== location.origin) return;
      u.searchParams.set("__relais", String(Date.now()));
      var fresh = old.cloneNode(false);
      fresh.href = u.href;
      var drop = function () { if (old.parentNode) old.parentNode.removeChild(old); };
      fresh.addEventListener("load", drop);
      fresh.addEventListener("error", drop);
      old.parentNode.insertBefore(fresh, old.nextSibling);
    });
  }

  function reload() {
    disconnect();
    location.reload();
  }

  function onHello(d) {
    // The site was rebuilt, or relais serve restarted, while this page
    // was not listening.
    if (d.id !== id) reload();
  }

  function onChange(d) {
    id = d.id;
    if (d.all || d.error !== shownError) return reload();
    var here = fileOf(location.href), files = used(), css = false;
    var changed = d.changed || [];
    for (var i = 0; i < changed.length; i++) {
      var f = changed[i];
      if (f === here || f === page) return reload();
      if (/\.css$/i.test(f)) css = true; // maybe @imported: swap them all
      else if (files[f]) return reload();
    }
    if (css) swapStyles();
  }

  function connect() {
    if (source) return;
    clearTimeout(retry);
    source = new EventSource(eventsURL);
    source.addEventListener("hello", function (e) { onHello(JSON.parse(e.data)); });
    source.addEventListener("change", function (e) { onChange(JSON.parse(e.data)); });
    source.onerror = function () {
      // The browser retries by itself after a network error, but gives
      // up after an HTTP error (a relais serve that is stopping): retry.
      if (source && source.readyState === EventSource.CLOSED) {
        source = null;
        retry = setTimeout(connect, 1000);
      }
    };
  }

  function disconnect() {
    clearTimeout(retry);
    if (source) { source.close(); source = null; }
  }

  // A browser opens at most six connections to one server over HTTP/1.1,
  // and each listening tab holds one: hidden tabs let theirs go, and catch
  // up through the hello when they are shown again.
  document.addEventListener("visibilitychange", function () {
    if (document.hidden) disconnect(); else connect();
  });
  window.addEventListener("pagehide", disconnect);
  window.addEventListener("pageshow", function () { if (!document.hidden) connect(); });

  // Escape dismisses the error overlay, like its button.
  document.addEventListener("keydown", function (e) {
    var overlay = document.getElementById("__relais-error");
    if (e.key === "Escape" && overlay && overlay.open) overlay.close();
  });

  if (!document.hidden) connect();
})();
