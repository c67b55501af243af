/**
 * ext.js — the browser's extension APIs, the same on Chrome and Firefox.
 *
 * Both browsers offer the promise-based `chrome.*` namespace in Manifest V3 (Firefox also as `browser.*`).
 * `chrome` is used even where recent Chrome also has a `browser` alias: that newer alias is not complete
 * yet (Chrome 156's `browser.storage.managed.get` never settles). The few differences live here: Firefox
 * alone knows data-collection permissions, and an extension page can tell which build it runs in from
 * its own manifest (only the Firefox build declares `gecko`).
 */

export const browser = globalThis.chrome ?? globalThis.browser;

export const isFirefox = Boolean(browser.runtime.getManifest().browser_specific_settings?.gecko);

/** A UI string from _locales (the browser's language); `key` itself if it is missing (a test forbids that). */
export function t(key, substitutions) {
  return browser.i18n.getMessage(key, substitutions) || key;
}

/**
 * "fr" or "en": the language of the catalogue the browser picked from _locales (its own `languageCode`
 * string), so the server's messages (findings, errors) match the extension's. Neither
 * i18n.getUILanguage() nor "@@ui_locale" is reliable for that: Chromium started with --lang=fr reports
 * en-US in both while it shows the French strings.
 */
export function uiLanguage() {
  return t("languageCode") === "fr" ? "fr" : "en";
}

/**
 * Fill an extension page's strings: `data-i18n` (text), `data-i18n-placeholder`, `data-i18n-title`,
 * `data-i18n-aria-label`, and the page's `lang`.
 */
export function localize(root = document) {
  document.documentElement.lang = uiLanguage();
  for (const node of root.querySelectorAll("[data-i18n]")) node.textContent = t(node.dataset.i18n);
  for (const [data, attribute] of [["i18nPlaceholder", "placeholder"], ["i18nTitle", "title"],
    ["i18nAriaLabel", "aria-label"]]) {
    const selector = `[data-${data.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}]`;
    for (const node of root.querySelectorAll(selector)) node.setAttribute(attribute, t(node.dataset[data]));
  }
}

/** The host-permission pattern of an origin. Match patterns have no port: this covers every port. */
export function originPattern(origin) {
  const url = new URL(origin);
  return `${url.protocol}//${url.hostname}/*`;
}

/**
 * Ask for host access (and API permissions) at run time. Call it first thing in a click handler: both
 * browsers refuse a request that does not come straight from a user action. On Firefox the transmission
 * of page content is declared as an optional data-collection permission, asked with it.
 */
export function requestPermissions({ origins = [], permissions = [], dataCollection = [] }) {
  const request = { origins, permissions };
  if (isFirefox && dataCollection.length) {
    // Firefox 142+ takes data_collection here; older versions refuse the unknown key: ask without it.
    return browser.permissions.request({ ...request, data_collection: dataCollection })
      .catch(() => browser.permissions.request(request));
  }
  return browser.permissions.request(request);
}

export function hasPermissions({ origins = [], permissions = [] }) {
  return browser.permissions.contains({ origins, permissions });
}

export function removePermissions({ origins = [], permissions = [] }) {
  return browser.permissions.remove({ origins, permissions }).catch(() => false);
}

/** The extension's own address for a path (popup/popup.html…). */
export function extensionUrl(path) {
  return browser.runtime.getURL(path);
}

export function isExtensionUrl(url) {
  return typeof url === "string" && url.startsWith(browser.runtime.getURL(""));
}

/**
 * Send a message to the background's router and unwrap its answer: the result, or a thrown error
 * rebuilt from the one the handler threw (same `kind`, `status`, `code`, `message`, `fields`).
 */
export async function sendMessage(message) {
  const answer = await browser.runtime.sendMessage(message);
  if (!answer) throw Object.assign(new Error("no answer"), { kind: "unreachable" });
  if (answer.ok) return answer.result;
  throw Object.assign(new Error(answer.error.message || answer.error.kind), answer.error);
}

/** A short description of this browser for the token's name: "Chrome on Linux", "Firefox on Windows". */
export function browserDescription() {
  const agent = navigator.userAgent;
  const name = isFirefox ? "Firefox" : /Edg\//.test(agent) ? "Edge" : "Chrome";
  const platform = /Windows/.test(agent) ? "Windows" : /Mac OS X/.test(agent) ? "macOS"
    : /CrOS/.test(agent) ? "ChromeOS" : /Android/.test(agent) ? "Android" : /Linux/.test(agent) ? "Linux" : "";
  return platform ? t("browserOn", [name, platform]) : name;
}
