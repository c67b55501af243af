/**
 * popup.js — the toolbar popup (also opened in a small window by the context menu, and in a tab).
 *
 * It works out which page it is about (the active tab, whose address the browser shows it because the
 * employee clicked the button: `activeTab`; or the page a context-menu click was about, given in its own
 * address as ?url=&title= when it opens in a window), whether the extension is connected, and opens the
 * right view:
 * the compose view straight away when the page is an approved link, what became of a suggestion after
 * the context menu's "Suggest", else suggestions for the page and search.
 */

import { connection, settings } from "../lib/config.js";
import { browser, isExtensionUrl, localize } from "../lib/ext.js";
import { SESSION } from "../lib/session.js";
import { renderCompose } from "./views/compose.js";
import { renderHome } from "./views/home.js";
import { renderProposals } from "./views/proposals.js";
import { renderConnectionState, renderProblem } from "./views/states.js";

const REQUEST_MS = 60_000;

/** The request the background left for this popup (a context-menu click), used once. */
async function takeRequest() {
  const params = new URLSearchParams(location.search);
  if (params.has("view")) return Object.fromEntries(params);
  const { [SESSION.POPUP_REQUEST]: request } = await browser.storage.session.get(SESSION.POPUP_REQUEST);
  await browser.storage.session.remove(SESSION.POPUP_REQUEST);
  return request && Date.now() - request.at < REQUEST_MS ? request : Object.fromEntries(params);
}

/** {url, title, incognito} of the page the popup is about, or null (an extension or browser page). */
async function pageContext(request) {
  if (request.url) return { url: request.url, title: request.title ?? "", incognito: request.incognito === "1" };
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  if (!tab?.url || isExtensionUrl(tab.url) || !/^https?:\/\//.test(tab.url)) return null;
  return { url: tab.url, title: tab.title ?? "", incognito: Boolean(tab.incognito) };
}

function isToolbarPopup() {
  return browser.extension?.getViews?.({ type: "popup" }).includes(window) ?? false;
}

/** What every view needs: where to draw, the server, the page, and how to go to another view. */
function createApp(view, server, page) {
  const app = {
    view,
    server,
    page,
    serverPage: (path) => new URL(path, server).href,
    openServerPage: (path) => browser.tabs.create({ url: new URL(path, server).href }),
    openOptions: () => browser.runtime.openOptionsPage(),
    home: (options) => renderHome(app, options),
    compose: (link, extra) => renderCompose(app, link, extra),
    proposals: () => renderProposals(app),
    retry: () => start(),
    problem: (error) => (["revoked", "not_connected"].includes(error?.kind) ? start() : renderProblem(app, error)),
  };
  return app;
}

async function start() {
  const view = document.getElementById("view");
  const request = await takeRequest();
  const [current, target, page] = await Promise.all([settings(), connection(), pageContext(request)]);
  if (!target) {
    renderConnectionState(view, current, () => browser.runtime.openOptionsPage());
    return;
  }
  const app = createApp(view, target.server, page);
  if (request.view === "proposals") return app.proposals();
  if (page && !page.incognito) {
    let found = null;
    try {
      found = await browser.runtime.sendMessage({ type: "page.lookup", url: page.url, incognito: page.incognito });
    } catch {
      found = null;
    }
    if (found?.ok && found.result?.shareable) return app.compose(found.result.link, { fromPage: true });
    if (found?.ok) page.lookup = found.result;
  }
  return app.home({ sharing: request.view === "share" });
}

document.documentElement.classList.toggle("in-toolbar", isToolbarPopup());
localize();
document.getElementById("open-options").addEventListener("click", () => browser.runtime.openOptionsPage());
start().catch((error) => renderProblem({ view: document.getElementById("view"), retry: start }, error));
