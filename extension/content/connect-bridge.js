/**
 * connect-bridge.js — the token hand-off, on the server's /extension/connect page (content script).
 *
 * The background registers it on the company's server only while the employee is connecting. On the
 * page that asks them to confirm, it says the extension is listening (`<html data-pv-extension="ready">`
 * shows the form, and the form's `bridge` field tells the server someone will pick the token up). On the
 * answer, which holds the new token, it takes the token out of the page at once and hands it to the
 * background by extension messaging; the token is never in a URL.
 */

import { browser } from "../lib/ext.js";

const TOKEN_ID = "pv-extension-token";

async function handOver(holder) {
  const token = holder.dataset.token;
  holder.remove();
  let answer = null;
  try {
    answer = await browser.runtime.sendMessage({ type: "connect.token", token });
  } catch {
    answer = null;
  }
  document.documentElement.dataset.pvExtension = answer?.ok ? "connected" : "failed";
}

const holder = document.getElementById(TOKEN_ID);
if (holder) {
  handOver(holder);
} else {
  const bridge = document.getElementById("pv-extension-bridge");
  if (bridge) bridge.value = "1";
  document.documentElement.dataset.pvExtension = "ready";
}
