/**
 * popup-window.js — opening the popup from the background (a context-menu click, a notification).
 *
 * The request (which view, for which page) waits in session storage for the popup to read it. The
 * toolbar popup itself opens where the browser allows it (action.openPopup); otherwise the same page opens
 * in a small window of its own, with the request in its address.
 */

import { browser, extensionUrl } from "../lib/ext.js";
import { SESSION } from "../lib/session.js";

export async function openPopup(request) {
  await browser.storage.session.set({ [SESSION.POPUP_REQUEST]: { ...request, at: Date.now() } });
  try {
    await browser.action.openPopup();
    return "popup";
  } catch {
    const query = new URLSearchParams(Object.entries(request).filter(([, value]) => value != null));
    await browser.windows.create({ url: extensionUrl(`popup/popup.html?${query}`), type: "popup", width: 420, height: 640 });
    return "window";
  }
}
