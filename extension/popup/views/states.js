/**
 * states.js — the popup's clear states: not connected, connection revoked, server unreachable, and the
 * charter to acknowledge (or its quiz to take) before sharing, with a link to that page on the server.
 */

import { t } from "../../lib/ext.js";
import { h, show } from "../../lib/dom.js";

export function renderConnectionState(view, current, openOptions) {
  const revoked = current.connection === "revoked";
  show(view, h("section", { class: "state-view", dataset: { state: revoked ? "revoked" : "not-connected" } },
    h("h1", {}, t(revoked ? "revokedTitle" : "notConnectedTitle")),
    h("p", {}, t(revoked ? "revokedText" : "notConnectedText")),
    current.managed ? h("p", { class: "muted small" }, t("managedServer", [current.server])) : null,
    h("div", { class: "actions" },
      h("button", { type: "button", class: "primary", onclick: openOptions }, t(revoked ? "connectAgain" : "connect")))));
}

const PROBLEMS = {
  unreachable: ["unreachableTitle", "unreachableText"],
  rate_limited: ["rateLimitedTitle", "rateLimitedText"],
};

export function renderProblem(app, error) {
  const [title, text] = PROBLEMS[error?.kind] ?? ["problemTitle", "problemText"];
  const server = app.server ? new URL(app.server).host : "";
  show(app.view, h("section", { class: "state-view", dataset: { state: error?.kind ?? "problem" } },
    h("h1", {}, t(title, [server])),
    h("p", {}, t(text)),
    error?.message && !PROBLEMS[error.kind] ? h("p", { class: "muted small" }, error.message) : null,
    h("div", { class: "actions" },
      h("button", { type: "button", class: "primary", onclick: () => app.retry?.() }, t("tryAgain")))));
}

/**
 * What the employee must do on the server before sharing, or null: acknowledge the charter, take its quiz,
 * choose to take part. `onDone` checks again when they come back. With `stepsPage` (the article's compose
 * page on the server), the charter and its quiz are taken there, in line, and that page stays on the same
 * article; `beforeLeaving` runs first (the popup closes when the tab opens: it keeps the draft).
 */
export function readinessNotice(app, charter, participation, { onTakePart, onDone, stepsPage = null, beforeLeaving = null }) {
  const open = (fallback) => async () => {
    await beforeLeaving?.();
    app.openServerPage(stepsPage ?? fallback);
  };
  if (charter && charter.needs_acknowledgement) {
    return h("div", { class: "notice warn", dataset: { readiness: "charter" } },
      h("p", {}, t("charterNeeded")),
      h("div", { class: "row" },
        h("button", { type: "button", class: "primary", onclick: open("/charter") }, t("openCharter")),
        h("button", { type: "button", onclick: onDone }, t("doneCheckAgain"))));
  }
  if (charter && charter.quiz_questions > 0 && !charter.quiz_passed) {
    return h("div", { class: "notice warn", dataset: { readiness: "quiz" } },
      h("p", {}, t("quizNeeded")),
      h("div", { class: "row" },
        h("button", { type: "button", class: "primary", onclick: open("/charter/quiz") }, t("openQuiz")),
        h("button", { type: "button", onclick: onDone }, t("doneCheckAgain"))));
  }
  if (participation && !participation.participating) {
    return h("div", { class: "notice", dataset: { readiness: "participation" } },
      h("p", {}, t("takePartText")),
      h("button", { type: "button", class: "primary", onclick: onTakePart }, t("takePart")));
  }
  return null;
}
