/**
 * badge.js — the toolbar icon says when the active tab's page is in the library.
 *
 * A page is looked up (GET /links/lookup) only when the employee is connected, the page is on a site
 * they enabled for the badge (or they enabled every site), with that site's host permission (without it
 * the browser does not even tell the extension the tab's address), and never in a private window. Answers
 * are cached per address for a few minutes in session storage, which the popup reads too: it opens
 * straight on an approved page's link.
 */

import { api } from "../lib/api.js";
import { connection, settings } from "../lib/config.js";
import { browser, t } from "../lib/ext.js";
import { SESSION } from "../lib/session.js";

const CACHE = SESSION.LOOKUPS;
const TTL_MS = 10 * 60 * 1000;
const APPROVED_COLOR = "#1a7f37";

function isWebPage(url) {
  return typeof url === "string" && /^https?:\/\//.test(url);
}

/** Whether the badge may look this tab up. */
export async function mayLookUp(tab) {
  if (!tab || tab.incognito || !isWebPage(tab.url) || !(await connection())) return false;
  const { badge } = await settings();
  if (badge.mode === "all") return true;
  return badge.mode === "sites" && badge.origins.includes(new URL(tab.url).origin);
}

function fresh(entries, now) {
  return Object.fromEntries(Object.entries(entries).filter(([, entry]) => now - entry.at < TTL_MS));
}

/** The library's answer for `url` (cached), or null when it cannot be had. */
export async function cachedLookup(url) {
  const now = Date.now();
  const { [CACHE]: entries = {} } = await browser.storage.session.get(CACHE);
  if (entries[url] && now - entries[url].at < TTL_MS) return entries[url].result;
  let result;
  try {
    const answer = await api.lookup(url);
    result = { approved: answer.approved, shareable: answer.shareable, proposed: answer.proposed, link: answer.link };
  } catch (error) {
    if (error.kind !== "invalid") return null; // unreachable or signed out: nothing to remember
    result = { approved: false, shareable: false, proposed: false, link: null };
  }
  await browser.storage.session.set({ [CACHE]: { ...fresh(entries, now), [url]: { at: now, result } } });
  return result;
}

export async function clearBadge(tabId) {
  await Promise.all([
    browser.action.setBadgeText({ tabId, text: "" }),
    browser.action.setTitle({ tabId, title: t("extName") }),
  ]).catch(() => {}); // the tab may be gone
}

export async function refreshTab(tab) {
  if (!tab || tab.id === undefined || tab.id < 0) return;
  const result = (await mayLookUp(tab)) ? await cachedLookup(tab.url) : null;
  if (!result?.shareable) {
    await clearBadge(tab.id);
    return;
  }
  await Promise.all([
    browser.action.setBadgeText({ tabId: tab.id, text: "✓" }),
    browser.action.setBadgeBackgroundColor({ tabId: tab.id, color: APPROVED_COLOR }),
    browser.action.setTitle({ tabId: tab.id, title: t("badgeApproved", [result.link?.title || tab.url]) }),
  ]).catch(() => {});
}

export async function refreshAllTabs() {
  const tabs = await browser.tabs.query({});
  await Promise.all(tabs.map(refreshTab));
}

export function onTabUpdated(_tabId, change, tab) {
  if (change.url || change.status === "complete") refreshTab(tab);
}

export async function onTabActivated({ tabId }) {
  refreshTab(await browser.tabs.get(tabId).catch(() => null));
}

/** The popup asks about the page it was opened on (never for a private window). */
export function lookUpPage({ url, incognito }) {
  if (incognito || !isWebPage(url)) return null;
  return cachedLookup(url);
}
