/**
 * menus.js — "Share with Porte-Voix" and "Suggest … to the library" in the page's and links' context menus.
 *
 * Menus are created once, at install (the browser keeps them); the click listener is registered at the
 * top of background.js. Sharing opens the popup on that address (its compose view when the address is in
 * the library, else what can be done with it); suggesting files a proposal (POST /proposals) and opens the
 * popup on what became of it and of the earlier suggestions.
 */

import { api } from "../lib/api.js";
import { browser, t } from "../lib/ext.js";
import { SESSION } from "../lib/session.js";
import { openPopup } from "./popup-window.js";
import { serializeError } from "./router.js";

export const MENU = Object.freeze({
  SHARE_PAGE: "pv-share-page",
  SHARE_LINK: "pv-share-link",
  SUGGEST_PAGE: "pv-suggest-page",
  SUGGEST_LINK: "pv-suggest-link",
});

const WEB = ["http://*/*", "https://*/*"];

export async function createMenus() {
  await browser.contextMenus.removeAll();
  const items = [
    { id: MENU.SHARE_PAGE, title: t("menuShare"), contexts: ["page"], documentUrlPatterns: WEB },
    { id: MENU.SUGGEST_PAGE, title: t("menuSuggestPage"), contexts: ["page"], documentUrlPatterns: WEB },
    { id: MENU.SHARE_LINK, title: t("menuShare"), contexts: ["link"], targetUrlPatterns: WEB },
    { id: MENU.SUGGEST_LINK, title: t("menuSuggestLink"), contexts: ["link"], targetUrlPatterns: WEB },
  ];
  for (const item of items) browser.contextMenus.create(item);
}

/** File a proposal for `url` and remember the outcome for the popup. */
export async function suggest(url) {
  let outcome;
  try {
    const proposal = await api.propose(url);
    outcome = { url, status: proposal.created ? "filed" : proposal.status, proposal };
  } catch (error) {
    outcome = { url, error: serializeError(error) };
  }
  await browser.storage.session.set({ [SESSION.LAST_PROPOSAL]: { ...outcome, at: Date.now() } });
  return outcome;
}

export async function onMenuClicked(info, tab) {
  const onLink = info.menuItemId === MENU.SHARE_LINK || info.menuItemId === MENU.SUGGEST_LINK;
  const url = onLink ? info.linkUrl : (info.pageUrl ?? tab?.url);
  if (!url) return null;
  if (info.menuItemId === MENU.SHARE_PAGE || info.menuItemId === MENU.SHARE_LINK) {
    const title = onLink ? (info.linkText ?? "") : (tab?.title ?? ""); // linkText: Firefox only
    return openPopup({ view: "share", url, title, incognito: tab?.incognito ? "1" : null });
  }
  if (info.menuItemId === MENU.SUGGEST_PAGE || info.menuItemId === MENU.SUGGEST_LINK) {
    const outcome = await suggest(url);
    await openPopup({ view: "proposals" });
    return outcome;
  }
  return null;
}
