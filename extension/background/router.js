/**
 * router.js — the background's one message router: a map of handlers keyed by `msg.type`.
 *
 * Each handler declares who may call it: "page" (the extension's own pages: popup, options) or "content"
 * (a content script, in a tab). Everything else is refused, so a web page can never drive the
 * extension. Handlers are async; the answer is {ok: true, result} or {ok: false, error: {kind, …}}
 * (ext.js `sendMessage` unwraps it).
 */

import { browser, isExtensionUrl } from "../lib/ext.js";

export function serializeError(error) {
  if (typeof error?.toJSON === "function") return error.toJSON();
  return { kind: error?.kind ?? "internal", message: String(error?.message ?? error), status: error?.status ?? 0,
    code: error?.code ?? null, fields: error?.fields ?? {} };
}

function allowed(from, sender) {
  if (sender.id !== browser.runtime.id) return false;
  const fromPage = isExtensionUrl(sender.url);
  return from === "page" ? fromPage : !fromPage && Boolean(sender.tab);
}

export function createRouter(routes) {
  return (message, sender, sendResponse) => {
    const route = routes[message?.type];
    if (!route) return false;
    if (!allowed(route.from, sender)) {
      sendResponse({ ok: false, error: { kind: "forbidden", message: "not allowed from here" } });
      return false;
    }
    Promise.resolve()
      .then(() => route.run(message, sender))
      .then((result) => sendResponse({ ok: true, result: result ?? null }),
        (error) => sendResponse({ ok: false, error: serializeError(error) }));
    return true; // the answer comes asynchronously
  };
}
