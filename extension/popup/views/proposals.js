/**
 * proposals.js — what became of the employee's suggestions: the one just made (from the context menu or
 * the popup) and the earlier ones (GET /proposals/mine), with their status and, when a suggestion was
 * not retained, the moderators' reason.
 */

import { api } from "../../lib/api.js";
import { h, show } from "../../lib/dom.js";
import { browser, t } from "../../lib/ext.js";
import { SESSION } from "../../lib/session.js";

const FRESH_MS = 5 * 60 * 1000;

const OUTCOMES = {
  filed: ["ok", "proposalFiled"],
  proposed: ["warn", "proposalAlreadyProposed"],
  approved: ["ok", "proposalAlreadyApproved"],
  archived: ["warn", "proposalAlreadyArchived"],
};

const STATUSES = { proposed: "statusProposed", approved: "statusApproved", archived: "statusArchived" };

function outcomeNotice(outcome) {
  if (!outcome || Date.now() - outcome.at > FRESH_MS) return null;
  if (outcome.error) {
    return h("div", { class: "notice block", dataset: { outcome: "error" } },
      h("p", {}, t("proposalFailed")), outcome.error.message ? h("p", { class: "small" }, outcome.error.message) : null);
  }
  const [tone, key] = OUTCOMES[outcome.status] ?? OUTCOMES.filed;
  return h("div", { class: `notice ${tone}`, dataset: { outcome: outcome.status } },
    h("p", {}, t(key)), h("p", { class: "small muted" }, outcome.url));
}

function proposalItem(proposal) {
  return h("li", { dataset: { status: proposal.status } },
    h("div", {}, proposal.title || proposal.url,
      h("span", { class: "status-tag" }, t(STATUSES[proposal.status] ?? "statusProposed"))),
    proposal.title ? h("div", { class: "small muted" }, proposal.url) : null,
    proposal.archive_reason ? h("div", { class: "small" }, t("notRetainedBecause", [proposal.archive_reason])) : null);
}

export async function renderProposals(app) {
  const { [SESSION.LAST_PROPOSAL]: outcome } = await browser.storage.session.get(SESSION.LAST_PROPOSAL);
  const list = h("ul", { class: "proposals" }, h("li", { class: "muted" }, t("loading")));
  show(app.view,
    h("button", { type: "button", class: "link small", onclick: () => app.home() }, t("back")),
    h("h1", {}, t("mySuggestions")),
    outcomeNotice(outcome),
    list);
  let proposals;
  try {
    proposals = await api.myProposals();
  } catch (error) {
    app.problem(error);
    return;
  }
  if (!proposals.length) show(list, h("li", { class: "muted" }, t("noSuggestionsYet")));
  else show(list, proposals.map(proposalItem));
}
