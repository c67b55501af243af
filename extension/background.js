/**
 * background.js — the extension's background: a Manifest V3 service worker on Chrome, a background
 * script on Firefox (built from this one file).
 *
 * The browser stops it whenever it is idle, so every listener is registered here, at the top level, on
 * each start, and nothing is kept in memory: settings live in storage.local, short-lived state (a
 * connection being made, lookups, the popup's next view) in storage.session.
 */

import { api } from "./lib/api.js";
import { refreshPolicy } from "./lib/config.js";
import { browser } from "./lib/ext.js";
import { lookUpPage, onTabActivated, onTabUpdated, refreshAllTabs } from "./background/badge.js";
import { checkCampaigns, listenToNotifications, onAlarm, scheduleCampaigns } from "./background/campaigns.js";
import { checkFromComposer, syncComposers } from "./background/composers.js";
import { beginConnect, disconnect, receiveToken } from "./background/connect.js";
import { createMenus, onMenuClicked, suggest } from "./background/menus.js";
import { createRouter } from "./background/router.js";

/** Open a network's composer for a share, then tell the server it was opened. */
async function openIntent({ shareId, network, url }) {
  if (!["https:", "mailto:"].includes(new URL(url).protocol)) throw Object.assign(new Error("bad url"), { kind: "invalid" });
  await browser.tabs.create({ url });
  return api.markOpened(shareId, network).catch(() => null);
}

const routes = {
  "connect.begin": { from: "page", run: beginConnect },
  "connect.token": { from: "content", run: receiveToken },
  disconnect: { from: "page", run: disconnect },
  "charter.check": { from: "content", run: checkFromComposer },
  "composers.sync": { from: "page", run: syncComposers },
  "badge.sync": { from: "page", run: refreshAllTabs },
  "campaigns.sync": { from: "page", run: async () => { await scheduleCampaigns(); return checkCampaigns(); } },
  "page.lookup": { from: "page", run: lookUpPage },
  "proposal.create": { from: "page", run: ({ url }) => suggest(url) },
  "intent.open": { from: "page", run: openIntent },
};

browser.runtime.onMessage.addListener(createRouter(routes));

browser.runtime.onInstalled.addListener(() => {
  createMenus();
  refreshPolicy();
  syncComposers();
  scheduleCampaigns();
});

browser.runtime.onStartup.addListener(() => {
  syncComposers();
  scheduleCampaigns();
});

browser.contextMenus.onClicked.addListener(onMenuClicked);
browser.tabs.onUpdated.addListener(onTabUpdated);
browser.tabs.onActivated.addListener(onTabActivated);
browser.alarms.onAlarm.addListener(onAlarm);

browser.permissions.onAdded.addListener(() => {
  listenToNotifications();
  syncComposers();
  refreshAllTabs();
});
browser.permissions.onRemoved.addListener(() => {
  syncComposers();
  refreshAllTabs();
});

browser.storage.onChanged.addListener((changes, area) => {
  if (area === "managed") {
    refreshPolicy();
    return;
  }
  if (area !== "local") return;
  if (changes.connection || changes.token || changes.server || changes.policy || changes.badge) refreshAllTabs();
  if (changes.composers) syncComposers();
});

listenToNotifications();
refreshPolicy(); // each start: the policy may have changed while the browser was closed
