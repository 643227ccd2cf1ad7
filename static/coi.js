// Cross-origin isolation for static hosts that cannot send headers.
//
// Parallel mode shares the wasm memory with workers, which browsers allow
// only on a cross-origin isolated page (COOP + COEP headers). This one file
// is both halves of a fallback for hosts that send no such headers:
//
// - As a page script (index.html loads it before the wasm): when the page is
//   not isolated, it registers itself as a service worker for the site root
//   and reloads the page once, so the next load goes through the worker.
// - As the service worker: it answers each GET by fetching it and adding
//   Cross-Origin-Opener-Policy, Cross-Origin-Embedder-Policy and (where none
//   is set) Cross-Origin-Resource-Policy to the response.
//
// It does nothing where the page is already isolated (the server sent the
// headers) or service workers are unavailable (not a secure context, or
// blocked): the book then runs in step mode and says why. `?coi=off` in any
// URL turns it off for the site in this browser (removing the worker),
// `?coi=on` turns it back on; the end-to-end tests use the former to see
// the fallback notice.
"use strict";

if (typeof window === "undefined") {
  // The service worker.
  self.addEventListener("install", () => self.skipWaiting());
  self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));
  self.addEventListener("fetch", (event) => {
    const request = event.request;
    if (request.method !== "GET") return;
    // A request only the HTTP cache may answer cannot be re-fetched
    // unless it is same-origin (fetch() would throw).
    if (request.cache === "only-if-cached" && request.mode !== "same-origin") return;
    event.respondWith(
      fetch(request).then((response) => {
        // Opaque responses (status 0) cannot be rebuilt; pass them on.
        if (response.status === 0) return response;
        const headers = new Headers(response.headers);
        headers.set("Cross-Origin-Opener-Policy", "same-origin");
        headers.set("Cross-Origin-Embedder-Policy", "require-corp");
        if (!headers.has("Cross-Origin-Resource-Policy")) {
          headers.set("Cross-Origin-Resource-Policy", "cross-origin");
        }
        return new Response(response.body, {
          status: response.status,
          statusText: response.statusText,
          headers,
        });
      }),
    );
  });
} else {
  (() => {
    // Set before the one reload, cleared once the page is isolated: a page
    // that reloaded and is still not isolated gives up (no reload loop).
    const RELOADED = "golab-coi-reloaded";
    // "off" when the reader (or a test) turned the worker off.
    const SWITCH = "golab-coi";
    const session = (() => {
      try {
        return window.sessionStorage;
      } catch (_) {
        return null;
      }
    })();
    const local = (() => {
      try {
        return window.localStorage;
      } catch (_) {
        return null;
      }
    })();
    // Storage that refuses a write (a full quota, some private modes) is
    // treated as absent for that write.
    const write = (storage, key, value) => {
      try {
        if (value === null) storage.removeItem(key);
        else storage.setItem(key, value);
        return true;
      } catch (_) {
        return false;
      }
    };
    const asked = new URLSearchParams(window.location.search).get("coi");
    if (local && asked === "off") write(local, SWITCH, "off");
    if (asked === "on") {
      if (local) write(local, SWITCH, null);
      if (session) write(session, RELOADED, null);
    }
    const off = asked === "off" || (local !== null && local.getItem(SWITCH) === "off");

    const workers = window.isSecureContext && "serviceWorker" in navigator ? navigator.serviceWorker : null;
    if (window.crossOriginIsolated) {
      if (session) write(session, RELOADED, null);
      if (!off || !workers || !workers.controller) return;
    }
    // Without session storage a reload loop could not be ruled out.
    if (!workers || !session) return;

    const reloadOnce = () => {
      if (session.getItem(RELOADED) || !write(session, RELOADED, "1")) return;
      window.location.reload();
    };
    const script = document.currentScript.src;

    if (off) {
      // Remove our worker; reload once if it controls this page.
      workers.getRegistrations().then(async (registrations) => {
        for (const r of registrations) {
          const w = r.active || r.waiting || r.installing;
          if (w && w.scriptURL === script) await r.unregister();
        }
        if (workers.controller) reloadOnce();
      }, () => {});
      return;
    }
    if (session.getItem(RELOADED)) return;
    workers.register(script).then(
      (registration) => {
        if (registration.active) {
          // Active already (e.g. a reload that bypassed the worker): the next
          // load goes through it.
          reloadOnce();
          return;
        }
        const w = registration.installing || registration.waiting;
        if (!w) return;
        w.addEventListener("statechange", () => {
          if (w.state === "activated") reloadOnce();
        });
      },
      // Registration refused (e.g. blocked by the browser): stay in step mode.
      () => {},
    );
  })();
}
