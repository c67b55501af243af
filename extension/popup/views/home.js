/**
 * home.js — suggestions for the page the employee is on (its address and title go to the server as
 * context, never from a private window), a search of the library, each link with its preview and its
 * caption idea; and, for a page that is not in the library, a way to suggest it.
 */

import { api } from "../../lib/api.js";
import { debounce, h, show } from "../../lib/dom.js";
import { browser, sendMessage, t } from "../../lib/ext.js";

const SEARCH_DELAY_MS = 300;

/** A preview image, only from HTTPS (the extension's pages allow nothing else). */
export function previewImage(url) {
  return typeof url === "string" && url.startsWith("https://") ? h("img", { src: url, alt: "", loading: "lazy" }) : null;
}

function linkCard(app, link, idea) {
  const image = previewImage(link.image_url);
  return h("article", { class: image ? "card" : "card no-image", dataset: { linkId: link.id } },
    image,
    h("div", {},
      h("h3", {}, link.title || link.url),
      h("div", { class: "site" }, link.site_name || new URL(link.url).host),
      link.description ? h("p", { class: "description" }, link.description) : null,
      idea ? h("p", { class: "idea" }, t("quotedIdea", [idea.text])) : null,
      h("div", { class: "actions" },
        h("button", { type: "button", class: "primary", onclick: () => app.compose(link) }, t("share")),
        h("button", { type: "button", onclick: () => browser.tabs.create({ url: link.url }) }, t("openPage")))));
}

function pageNotice(app) {
  const { page } = app;
  if (!page || page.incognito || page.lookup?.approved) return null;
  const status = h("p", { class: "small", role: "status" });
  const suggestButton = h("button", { type: "button", onclick: suggestPage }, t("suggestThisPage"));
  async function suggestPage() {
    suggestButton.disabled = true;
    try {
      await sendMessage({ type: "proposal.create", url: page.url });
      app.proposals();
    } catch (error) {
      suggestButton.disabled = false;
      status.textContent = error.message;
    }
  }
  const text = page.lookup?.proposed ? t("pageProposed") : t("pageNotInLibrary");
  return h("div", { class: "notice", dataset: { page: "not-in-library" } },
    h("p", {}, text), page.lookup?.proposed ? null : suggestButton, status);
}

export async function renderHome(app, { sharing = false } = {}) {
  const list = h("div", { class: "results", "aria-live": "polite" }, h("p", { class: "muted" }, t("loading")));
  const heading = h("h2", {}, app.page ? t("suggestedForPage") : t("suggestedForYou"));
  const search = h("input", { type: "search", id: "search", placeholder: t("searchPlaceholder"), "aria-label": t("searchLabel") });
  show(app.view,
    sharing ? pageNotice(app) : null,
    h("div", { role: "search" }, search),
    heading,
    list,
    !sharing ? pageNotice(app) : null,
    h("nav", { class: "footer-links" },
      h("button", { type: "button", class: "link", onclick: () => app.proposals() }, t("mySuggestions")),
      h("button", { type: "button", class: "link", onclick: () => app.openServerPage("/") }, t("openPortal"))));

  async function showSuggestions() {
    heading.textContent = app.page ? t("suggestedForPage") : t("suggestedForYou");
    const context = app.page && !app.page.incognito ? { contextUrl: app.page.url, contextText: app.page.title } : {};
    const suggestions = await api.suggestions(context);
    if (!suggestions.length) {
      show(list, h("p", { class: "muted", dataset: { empty: "library" } }, t("libraryEmpty")));
      return;
    }
    show(list, suggestions.map((s) => linkCard(app, s.link, s.caption_idea)));
  }

  async function showSearch(q) {
    heading.textContent = t("searchResults");
    const links = await api.search(q);
    if (!links.length) {
      show(list, h("p", { class: "muted", dataset: { empty: "search" } }, t("searchEmpty", [q])));
      return;
    }
    show(list, links.map((link) => linkCard(app, link, null)));
  }

  const refresh = () => {
    const q = search.value.trim();
    (q ? showSearch(q) : showSuggestions()).catch((error) => app.problem(error));
  };
  search.addEventListener("input", debounce(refresh, SEARCH_DELAY_MS));
  refresh();
}
