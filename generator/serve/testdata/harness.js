// Runs reload.js in a fake browser, for reload_test.go. Reads the cases
// (JSON) on stdin and prints, for each, what the page did.
"use strict";
const vm = require("vm");
const fs = require("fs");

const script = fs.readFileSync(process.argv[2], "utf8");
const cases = JSON.parse(fs.readFileSync(0, "utf8"));

// matches supports the selectors reload.js uses: tag[attr], tag[attr~="v"].
function matches(el, selector) {
  return selector.split(",").some((one) => {
    const m = one.trim().match(/^(\w+)((?:\[[^\]]+\])*)$/);
    if (!m || m[1] !== el.tagName) return false;
    return [...m[2].matchAll(/\[([\w-]+)(?:~="([^"]*)")?\]/g)].every(([, name, word]) => {
      const v = el.getAttribute(name);
      if (v === null) return false;
      return word === undefined || v.split(/\s+/).includes(word);
    });
  });
}

function run(c) {
  const log = [];
  const base = new URL(c.url);
  const elements = [];
  const parent = {
    insertBefore(fresh) { elements.push(fresh); log.push("insert " + fresh.getAttribute("href").replace(/__relais=\d+/, "__relais=N")); },
    removeChild(old) { elements.splice(elements.indexOf(old), 1); log.push("remove " + old.getAttribute("href")); },
  };
  function element(tagName, attrs) {
    const el = {
      tagName, attrs: { ...attrs }, parentNode: parent, listeners: {},
      getAttribute(n) { return n in this.attrs ? this.attrs[n] : null; },
      hasAttribute(n) { return n in this.attrs; },
      addEventListener(n, fn) { (this.listeners[n] ||= []).push(fn); },
      cloneNode() { return element(tagName, this.attrs); },
    };
    // Like a browser, href, src, poster and data read as absolute URLs.
    for (const name of ["href", "src", "poster", "data"]) {
      Object.defineProperty(el, name, {
        get() { return name in el.attrs ? new URL(el.attrs[name], base).href : ""; },
        set(v) { el.attrs[name] = v; },
      });
    }
    return el;
  }
  for (const e of c.elements || []) elements.push(element(e.tag, e.attrs));
  const me = element("script", c.script);
  let source = null;
  class EventSource {
    constructor(url) { this.url = url; this.listeners = {}; this.readyState = 1; source = this; log.push("connect " + url); }
    addEventListener(n, fn) { (this.listeners[n] ||= []).push(fn); }
    close() { this.readyState = 2; log.push("close"); }
  }
  EventSource.CLOSED = 2;
  const document = {
    currentScript: me,
    hidden: false,
    addEventListener() {},
    getElementById() { return null; },
    querySelectorAll(sel) { return elements.filter((e) => matches(e, sel)); },
  };
  const location = { href: base.href, origin: base.origin, reload() { log.push("reload"); } };
  const window = { EventSource, URL, addEventListener() {} };
  vm.runInNewContext(script, {
    window, document, location, EventSource, URL, setTimeout, clearTimeout, JSON, Array, String, Date,
  });
  for (const [name, data] of c.events || []) {
    if (log.includes("reload")) break;
    for (const fn of (source && source.listeners[name]) || []) fn({ data: JSON.stringify(data) });
    // Stylesheets load at once.
    for (const e of [...elements]) for (const fn of e.listeners.load || []) fn();
    for (const e of elements) e.listeners = {};
  }
  return log;
}

process.stdout.write(JSON.stringify(cases.map(run)));
