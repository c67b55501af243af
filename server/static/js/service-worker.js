// Porte-Voix's service worker, served at /service-worker.js (server/pwa/routes.py fills in the constants).
// It keeps the app shell (nothing in it names anyone) and the signed-in employee's last "To share" page, and
// nothing else: other pages, forms and the API always go to the network. Every page answer carries an opaque
// `X-PV-Session` tag of who it was for; when the tag changes (another person, or nobody after signing out),
// the kept suggestions are dropped before anything else is answered.
const VERSION = "__SHELL_VERSION__";
const SHELL_URLS = ["__SHELL_URLS__"];
const SUGGESTIONS_URL = "__SUGGESTIONS_URL__";
const SHELL_CACHE = `pv-shell-${VERSION}`;
const SUGGESTIONS_CACHE = "pv-suggestions";
const OWNER_KEY = "/__pv-suggestions-owner";

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(SHELL_CACHE).then((cache) => cache.addAll(SHELL_URLS)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith("pv-shell-") && name !== SHELL_CACHE) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

self.addEventListener("message", (event) => {
  if (event.data && event.data.type === "signed-out") event.waitUntil(forgetSuggestions());
});

async function forgetSuggestions() {
  await caches.delete(SUGGESTIONS_CACHE);
}

async function suggestionsOwner(cache) {
  const kept = await cache.match(OWNER_KEY);
  return kept ? kept.text() : null;
}

// The page answer says who it is for: another person than the one whose suggestions are kept drops them.
async function noteSession(response) {
  const tag = response.headers.get("X-PV-Session");
  if (!tag) return;
  const cache = await caches.open(SUGGESTIONS_CACHE);
  const owner = await suggestionsOwner(cache);
  if (owner !== null && owner !== tag) await forgetSuggestions();
}

async function keepSuggestions(response) {
  const tag = response.headers.get("X-PV-Session");
  if (!tag || tag === "none" || response.status !== 200 || response.redirected) return;
  const cache = await caches.open(SUGGESTIONS_CACHE);
  await cache.put(OWNER_KEY, new Response(tag));
  await cache.put(SUGGESTIONS_URL, response);
}

function offlineLanguage(request) {
  const wanted = (request.headers.get("Accept-Language") || self.navigator.language || "en").toLowerCase();
  return wanted.startsWith("fr") ? "fr" : "en";
}

async function offlinePage(request) {
  const cache = await caches.open(SHELL_CACHE);
  return (await cache.match(`/offline/${offlineLanguage(request)}`)) || Response.error();
}

async function navigate(request, url) {
  const isSuggestions = url.pathname === SUGGESTIONS_URL && !url.search;
  try {
    const response = await fetch(request);
    await noteSession(response);
    if (isSuggestions) await keepSuggestions(response.clone());
    return response;
  } catch (error) {
    if (isSuggestions) {
      const kept = await caches.match(SUGGESTIONS_URL, { cacheName: SUGGESTIONS_CACHE });
      if (kept) return kept;
    }
    return offlinePage(request);
  }
}

async function shellFile(request) {
  const kept = await caches.match(request, { cacheName: SHELL_CACHE });
  return kept || fetch(request);
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;  // posts always need the network
  if (request.mode === "navigate") {
    event.respondWith(navigate(request, url));
  } else if (SHELL_URLS.includes(url.pathname)) {
    event.respondWith(shellFile(request));
  }
});

// Web push (only for devices whose employee turned it on): show the campaign's notification; a tap opens
// what there is to share.
self.addEventListener("push", (event) => {
  const message = event.data ? event.data.json() : {};
  event.waitUntil(self.registration.showNotification(message.title || "Porte-Voix", {
    body: message.body || "", tag: message.tag, icon: "/static/img/app/icon-192.png",
    data: { url: message.url || "/" },
  }));
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const target = new URL(event.notification.data.url, self.location.origin);
  const url = target.origin === self.location.origin ? target.href : self.location.origin;
  event.waitUntil(self.clients.openWindow(url));
});
