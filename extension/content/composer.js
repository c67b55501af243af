/**
 * composer.js — the charter where people write (content script, off by default).
 *
 * The background registers this script only on the sites the employee turned the feature on for, with
 * that site's host permission (content/sites.js). When the employee focuses the site's composer (its
 * adapter knows it) or, failing that, any text box, the text is checked as they type: it goes to the
 * background, which sends it to the company's server (POST /api/v1/checks) and nowhere else, and the
 * findings appear beside the composer (panel.js) with their one-click fixes (editable.js).
 */

import { browser } from "../lib/ext.js";
import { spanOf } from "../lib/findings.js";
import generic from "./adapters/generic.js";
import linkedin from "./adapters/linkedin.js";
import x from "./adapters/x.js";
import { readText, replaceText, selectText } from "./editable.js";
import { CharterPanel } from "./panel.js";

const ADAPTERS = [linkedin, x];
const DEBOUNCE_MS = 600;
const PROBLEMS = {
  not_connected: "charterNotConnected",
  revoked: "charterNotConnected",
  unreachable: "charterUnavailable",
  forbidden: "charterUnavailable",
};

const siteAdapter = ADAPTERS.find((adapter) => adapter.hosts.includes(location.hostname)) ?? null;

const state = { element: null, network: null, checkedText: null, sequence: 0, timer: null };
const panel = new CharterPanel({ onFix: applyFix, onShow: showFinding });

function composerFor(target) {
  const own = siteAdapter?.composerOf(target);
  if (own) return { element: own, network: siteAdapter.network };
  const box = generic.composerOf(target);
  return box ? { element: box, network: siteAdapter?.network ?? null } : null;
}

function schedule(delay = DEBOUNCE_MS) {
  clearTimeout(state.timer);
  state.timer = setTimeout(check, delay);
}

async function check() {
  const { element } = state;
  if (!element) return;
  const text = readText(element);
  if (!text.trim()) {
    state.checkedText = null;
    panel.hide();
    return;
  }
  const sequence = ++state.sequence;
  panel.busy();
  let answer;
  try {
    answer = await browser.runtime.sendMessage({ type: "charter.check", text, network: state.network });
  } catch {
    answer = { ok: false, error: { kind: "unreachable" } };
  }
  if (sequence !== state.sequence || element !== state.element) return; // an older text's answer
  if (answer?.ok) {
    state.checkedText = text;
    panel.showResult(answer.result);
    return;
  }
  const kind = answer?.error?.kind;
  if (kind === "rate_limited") {
    schedule((answer.error.retryAfter || 5) * 1000);
    return;
  }
  if (kind === "disabled") {
    detach(); // the employee turned the feature off for this site meanwhile
    return;
  }
  panel.showProblem(PROBLEMS[kind] ?? "charterUnavailable");
}

function onInput() {
  panel.busy();
  schedule();
}

function attach(found) {
  detach();
  Object.assign(state, { element: found.element, network: found.network, checkedText: null });
  found.element.addEventListener("input", onInput);
  panel.attach(found.element);
  if (readText(found.element).trim()) schedule(0);
}

function detach() {
  clearTimeout(state.timer);
  state.element?.removeEventListener("input", onInput);
  Object.assign(state, { element: null, checkedText: null });
  panel.detach();
}

/** The offsets belong to the text that was checked: if it changed since, check again rather than guess. */
function applyFix(finding) {
  const { element } = state;
  if (!element || readText(element) !== state.checkedText) {
    schedule(0);
    return;
  }
  const [start, end] = spanOf(state.checkedText, finding);
  replaceText(element, start, end, finding.fix);
  schedule(0);
}

function showFinding(finding) {
  const { element } = state;
  if (!element || readText(element) !== state.checkedText) return;
  const [start, end] = spanOf(state.checkedText, finding);
  selectText(element, start, end);
}

document.addEventListener("focusin", (event) => {
  const target = event.composedPath()[0];
  if (!(target instanceof Element) || target.closest("[data-pv-charter]")) return;
  const found = composerFor(target);
  if (found && found.element !== state.element) attach(found);
}, true);

// The script may arrive after the employee already focused the composer.
if (document.activeElement instanceof Element) {
  const found = composerFor(document.activeElement);
  if (found) attach(found);
}
