/**
 * config.js — the extension's settings and its connection to the company's server.
 *
 * Everything lives in `storage.local` (the background worker can be stopped at any moment, so nothing is
 * kept in memory). The server's address can also come from managed storage, which IT sets by browser
 * policy (`storage.managed_schema`, key `server_url`): it then wins over the address typed in the options
 * and cannot be changed there. The background copies the policy's value into `storage.local` (`policy`)
 * when it starts and whenever the policy changes: Chrome answers managed-storage reads only once its
 * policy service is up, seconds after the browser starts, and the popup must not wait for that.
 */

import { browser } from "./ext.js";

export const DEFAULTS = Object.freeze({
  server: "",
  token: null,
  account: null, // {name, email, tokenName} of the connected employee
  connection: "none", // "none" | "connected" | "revoked" (the server refused the token)
  badge: { mode: "off", origins: [] }, // mode: "off" | "sites" (origins) | "all"
  composers: { sites: [], origins: [] }, // sites: ids of content/sites.js; origins: other sites (generic)
  campaigns: { notify: false, seen: null }, // seen: campaign ids already known (null: not started yet)
  policy: null, // {server}: the address IT pushed by policy, copied from managed storage
});

const KEYS = Object.keys(DEFAULTS);
const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

export class InvalidServer extends Error {
  constructor() {
    super("invalid server address");
    this.kind = "invalid_server";
  }
}

/**
 * The origin of a server address as typed ("share.example.com", "https://share.example.com/login"):
 * HTTPS, or plain HTTP on this computer only (the token must never cross a network in clear).
 */
export function normalizeServer(input) {
  const text = String(input ?? "").trim();
  if (!text) throw new InvalidServer();
  let url;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`);
  } catch {
    throw new InvalidServer();
  }
  const secure = url.protocol === "https:" || (url.protocol === "http:" && LOOPBACK.has(url.hostname));
  if (!secure || url.username || url.password) throw new InvalidServer();
  return url.origin;
}

/** The server address pushed by policy, or null (Firefox throws when no policy exists). */
export async function managedServer() {
  try {
    const { server_url: value } = await browser.storage.managed.get("server_url");
    return value ? normalizeServer(value) : null;
  } catch {
    return null;
  }
}

/** Copy the policy's server address into local storage (the background calls it). */
export async function refreshPolicy() {
  const server = await managedServer();
  const { policy } = await browser.storage.local.get("policy");
  if ((policy?.server ?? null) !== server) await save({ policy: server ? { server } : null });
  return server;
}

/**
 * Every setting. `server` is the address in force (the policy's when there is one, `managed: true`);
 * `tokenServer` the one the token was issued by: a token is only ever sent to the server that issued it.
 */
export async function settings() {
  const stored = await browser.storage.local.get(KEYS);
  const merged = { ...structuredClone(DEFAULTS), ...stored, tokenServer: stored.server ?? "" };
  if (merged.policy?.server) return { ...merged, server: merged.policy.server, managed: true };
  return { ...merged, managed: false };
}

export function save(patch) {
  return browser.storage.local.set(patch);
}

/** {server, token} when connected, else null. */
export async function connection() {
  const current = await settings();
  if (current.connection !== "connected" || !current.token || !current.server) return null;
  if (current.tokenServer !== current.server) return null; // IT moved the company to another server
  return { server: current.server, token: current.token };
}

export function setConnected({ server, token, account }) {
  return save({ server, token, account, connection: "connected" });
}

/** Forget the token: "none" after a disconnect, "revoked" when the server refused it. */
export function forgetConnection(state = "none") {
  return save({ token: null, account: null, connection: state });
}

/** Call `listener(changes)` when settings change (anywhere: popup, options, background). */
export function onSettingsChanged(listener) {
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === "local") listener(changes, area);
  });
}
