/**
 * connect.js — connecting to the company's server and disconnecting.
 *
 * 1. The options page (on the employee's click) gets the server's host permission and `scripting`, then
 *    calls "connect.begin".
 * 2. Here: the hand-off script (content/connect-bridge.js) is registered on the server's
 *    /extension/connect page, the request is remembered in session storage, and that page opens.
 * 3. The employee signs in if needed and confirms; the server answers with the token in the page; the
 *    bridge takes it out of the page and sends "connect.token". It is accepted only from that very page of
 *    that server, within half an hour of step 2, and only once the server confirms who owns it (GET /me).
 */

import { api, ApiError, whoAmI } from "../lib/api.js";
import { forgetConnection, normalizeServer, setConnected } from "../lib/config.js";
import { browser, browserDescription, hasPermissions, originPattern } from "../lib/ext.js";
import { SESSION } from "../lib/session.js";

const PENDING = SESSION.PENDING_CONNECT;
const PENDING_MS = 30 * 60 * 1000;
const BRIDGE = "pv-connect-bridge";
const TOKEN_SHAPE = /^pv_[A-Za-z0-9_-]{20,200}$/;

async function unregisterBridge() {
  if (!browser.scripting) return;
  const registered = await browser.scripting.getRegisteredContentScripts({ ids: [BRIDGE] });
  if (registered.length) await browser.scripting.unregisterContentScripts({ ids: [BRIDGE] });
}

export async function beginConnect({ server }) {
  const origin = normalizeServer(server);
  if (!browser.scripting || !(await hasPermissions({ origins: [originPattern(origin)], permissions: ["scripting"] }))) {
    throw new ApiError("permission_denied");
  }
  await unregisterBridge();
  await browser.scripting.registerContentScripts([{
    id: BRIDGE,
    matches: [`${originPattern(origin).slice(0, -1)}extension/connect*`],
    js: ["content/connect-bridge.js"],
    runAt: "document_end",
    persistAcrossSessions: false,
  }]);
  await browser.storage.session.set({ [PENDING]: { server: origin, at: Date.now() } });
  const page = new URL("/extension/connect", origin);
  page.searchParams.set("browser", browserDescription());
  await browser.tabs.create({ url: page.href });
  return { server: origin };
}

export async function receiveToken({ token }, sender) {
  const { [PENDING]: pending } = await browser.storage.session.get(PENDING);
  const page = sender.url ? new URL(sender.url) : null;
  if (!pending || Date.now() - pending.at > PENDING_MS || page?.origin !== pending.server
      || page.pathname !== "/extension/connect") {
    throw new ApiError("unexpected_token");
  }
  if (typeof token !== "string" || !TOKEN_SHAPE.test(token)) throw new ApiError("invalid");
  const me = await whoAmI(pending.server, token);
  await setConnected({ server: pending.server, token, account: { name: me.name, email: me.email } });
  await browser.storage.session.remove(PENDING);
  await unregisterBridge();
  return { name: me.name };
}

/** Revoke the token on the server, then forget it (even when the server cannot be reached: `revoked` says). */
export async function disconnect() {
  let revoked = true;
  try {
    await api.disconnect();
  } catch (error) {
    revoked = ["revoked", "not_connected"].includes(error.kind);
  }
  await forgetConnection("none");
  return { revoked };
}
