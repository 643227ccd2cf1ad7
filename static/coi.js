// Cross-origin isolation on any static host, and the book offline.
//
// Parallel mode shares the wasm memory with workers, which browsers allow
// only on a cross-origin isolated page (COOP + COEP headers), and a reader
// who installed the book wants it to open, and run its programs, without a
// network. One service worker does both; this one file is the worker and
// the page script that registers it.
//
// - As the service worker, it adds Cross-Origin-Opener-Policy,
//   Cross-Origin-Embedder-Policy and (where none is set)
//   Cross-Origin-Resource-Policy to every response it gives the page,
//   fetched or cached: the page is isolated on a host that sends no such
//   headers, and stays isolated offline.
// - In the built site, scripts/precache (trunk's post_build hook) writes
//   every file of the site and a hash of them all into PRECACHE below.
//   Installing stores those files in the cache `golab-<hash>`; from then on
//   the page is answered from it (every navigation with the app shell, `/`),
//   the network only for what it lacks. Answering from the cache, not the
//   network, keeps one build together: index.html, worker.js, the chapters
//   and golib keep their names across builds and must match the wasm that
//   reads them. A new build changes the hash, so this script's bytes: the
//   browser, which compares them on each visit, installs it in the
//   background, and it waits (no skipWaiting) until the reader presses
//   "Reload to update"; then every open page of the book reloads onto it.
//   Only the first version takes over at once, as nothing else serves yet.
// - Without a list (this source file; `trunk serve`, whose builds change on
//   every save) the worker caches nothing: every request goes to the
//   network, and a new worker takes over at once.
// - As a page script (index.html loads it before the wasm) it registers the
//   worker. On a page that is not isolated (a host without the headers) it
//   registers at once and reloads the page once, so the next load goes
//   through the worker; on a page the server already isolated it registers
//   after the load event, so filling the cache does not slow the first view.
//
// Where service workers are unavailable (not a secure context, or blocked)
// the book runs in step mode, says why, and is not kept offline. `?coi=off`
// in any URL turns the worker off for the site in this browser (removing it
// and its cache), `?coi=on` turns it back on; the end-to-end tests use the
// former to see the fallback notice.
"use strict";

if (typeof window === "undefined") {
  // The service worker. scripts/precache replaces the next line (only it:
  // the line must keep this form) with { version, urls }.
  const PRECACHE = null;
  const CACHE = PRECACHE ? "golab-" + PRECACHE.version : null;
  // The app shell: index.html, which answers every route.
  const SHELL = "/";

  const isolate = (response) => {
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
  };

  // One entry per file: the chapters' and golib's `?v=` only defeats HTTP
  // caches, and this cache holds one build.
  const cached = (request) =>
    caches.match(request, { cacheName: CACHE, ignoreSearch: true, ignoreVary: true });

  const respond = async (event) => {
    const request = event.request;
    const url = new URL(request.url);
    if (!CACHE || url.origin !== self.location.origin) return fetch(request);
    if (request.mode === "navigate") {
      // A file opened on its own (a figure in a new tab) is that file;
      // any other path is one of the app's routes.
      const page = (url.pathname !== SHELL && (await cached(request))) || (await cached(SHELL));
      return page || fetch(request);
    }
    const hit = await cached(request);
    if (hit) return hit;
    const response = await fetch(request);
    // Files not in the list (none today) are kept too, for the next time
    // offline; never in a cache this worker no longer owns (`?coi=off`
    // deleted it), which `caches.open` would create again.
    if (response.status === 200 && response.type === "basic") {
      const copy = response.clone();
      event.waitUntil(
        caches.has(CACHE).then(
          (has) => has && caches.open(CACHE).then((c) => c.put(request, copy)),
        ).catch(() => {}),
      );
    }
    return response;
  };

  self.addEventListener("install", (event) => {
    event.waitUntil(
      (async () => {
        if (CACHE) {
          try {
            const cache = await caches.open(CACHE);
            // Revalidated: the HTTP cache may hold an older build's copy of
            // a file whose name did not change. One failure fails the
            // install, and the version in use stays.
            await cache.addAll(PRECACHE.urls.map((url) => new Request(url, { cache: "no-cache" })));
          } catch (e) {
            await caches.delete(CACHE);
            throw e;
          }
        }
        if (!CACHE || !self.registration.active) await self.skipWaiting();
      })(),
    );
  });
  self.addEventListener("activate", (event) => {
    event.waitUntil(
      (async () => {
        for (const key of await caches.keys()) {
          if (key.startsWith("golab-") && key !== CACHE) await caches.delete(key);
        }
        await self.clients.claim();
      })(),
    );
  });
  // From the page's "Reload to update".
  self.addEventListener("message", (event) => {
    if (event.data === "skip-waiting") self.skipWaiting();
  });
  self.addEventListener("fetch", (event) => {
    const request = event.request;
    if (request.method !== "GET") return;
    // A request only the HTTP cache may answer cannot be re-fetched
    // unless it is same-origin (fetch() would throw).
    if (request.cache === "only-if-cached" && request.mode !== "same-origin") return;
    event.respondWith(respond(event).then(isolate));
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
    const isolated = window.crossOriginIsolated;
    if (isolated && session) write(session, RELOADED, null);
    if (!workers) return;

    // Without session storage a reload loop could not be ruled out.
    const reloadOnce = () => {
      if (!session || session.getItem(RELOADED) || !write(session, RELOADED, "1")) return;
      window.location.reload();
    };
    const script = document.currentScript.src;

    if (off) {
      // Remove our worker and its cache; reload once if it controls this page.
      workers.getRegistrations().then(async (registrations) => {
        for (const r of registrations) {
          const w = r.active || r.waiting || r.installing;
          if (w && w.scriptURL === script) await r.unregister();
        }
        if (window.caches) {
          for (const key of await caches.keys()) {
            if (key.startsWith("golab-")) await caches.delete(key);
          }
        }
        if (workers.controller) reloadOnce();
      }).catch(() => {});
      return;
    }

    // An update is offered only to a page a worker already serves (not on
    // the first install), and taking it reloads every such page, in any
    // tab, so none keeps running the old build against the new files.
    const served = workers.controller !== null;
    let reloading = false;
    workers.addEventListener("controllerchange", () => {
      if (!served || reloading) return;
      reloading = true;
      window.location.reload();
    });

    const offer = (registration) => {
      if (!workers.controller || document.getElementById("golab-update")) return;
      const zh = window.location.pathname.startsWith("/zh");
      const banner = document.createElement("div");
      banner.id = "golab-update";
      banner.className = "update-banner";
      banner.lang = zh ? "zh" : "en";
      banner.setAttribute("role", "status");
      const text = document.createElement("span");
      text.textContent = zh ? "有新版本可用。" : "A new version is available.";
      const button = document.createElement("button");
      button.type = "button";
      button.className = "button primary";
      button.textContent = zh ? "重新加载以更新" : "Reload to update";
      button.addEventListener("click", () => {
        button.disabled = true;
        // The newest waiting version; none if another tab took it already.
        if (registration.waiting) registration.waiting.postMessage("skip-waiting");
        else window.location.reload();
      });
      banner.append(text, button);
      const show = () => {
        document.body.append(banner);
        // The app, mounting, empties <body>: put the banner back.
        new MutationObserver(() => {
          if (!banner.isConnected) document.body.append(banner);
        }).observe(document.body, { childList: true });
      };
      if (document.body) show();
      else document.addEventListener("DOMContentLoaded", show, { once: true });
    };
    const watch = (registration) => {
      const track = (w) => {
        if (!w) return;
        w.addEventListener("statechange", () => {
          if (w.state === "installed") offer(registration);
        });
      };
      if (registration.waiting) offer(registration);
      track(registration.installing);
      registration.addEventListener("updatefound", () => track(registration.installing));
    };

    const register = () =>
      workers.register(script).then(
        (registration) => {
          watch(registration);
          if (isolated) return;
          if (registration.active) {
            // Active already (e.g. a reload that bypassed the worker): the
            // next load goes through it.
            reloadOnce();
            return;
          }
          const w = registration.installing || registration.waiting;
          if (!w) return;
          w.addEventListener("statechange", () => {
            if (w.state === "activated") reloadOnce();
          });
        },
        // Registration refused (e.g. blocked by the browser): stay in step
        // mode, online only.
        () => {},
      );
    if (!isolated) register();
    else if (document.readyState === "complete") register();
    else window.addEventListener("load", register, { once: true });
  })();
}
