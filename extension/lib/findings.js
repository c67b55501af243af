/**
 * findings.js — the charter's findings as the server returns them (POST /api/v1/checks), for the popup's
 * compose view and the content script next to LinkedIn's and X's composers.
 *
 * The server decides; this only presents. A finding is {rule, severity: warn|review|block, start, end,
 * excerpt, message: {fr, en}, fix, networks}; `start`/`end` count code points (Python string indexes),
 * JavaScript strings count UTF-16 units, hence `utf16Index`. A `fix` replaces exactly text[start:end]
 * (an insertion when start == end, a removal when it is "").
 */

import { t, uiLanguage } from "./ext.js";

export const SEVERITY_RANK = Object.freeze({ ok: 0, warn: 1, review: 2, block: 3 });

/** The UTF-16 index of a code-point offset into `text`. */
export function utf16Index(text, codePoints) {
  let index = 0;
  for (let count = 0; count < codePoints && index < text.length; count += 1) {
    const code = text.charCodeAt(index);
    index += code >= 0xd800 && code <= 0xdbff && index + 1 < text.length ? 2 : 1;
  }
  return index;
}

/** [start, end) of a finding in `text`, in UTF-16 units. */
export function spanOf(text, finding) {
  return [utf16Index(text, finding.start), utf16Index(text, finding.end)];
}

export function hasFix(finding) {
  return finding.fix !== null && finding.fix !== undefined;
}

/** `text` with the finding's fix applied. */
export function applyFix(text, finding) {
  const [start, end] = spanOf(text, finding);
  return text.slice(0, start) + finding.fix + text.slice(end);
}

/** The finding's explanation in the browser's language (the server sends both). */
export function messageOf(finding) {
  return finding.message?.[uiLanguage()] ?? finding.message?.en ?? finding.rule;
}

export function severityLabel(severity) {
  return t({ block: "severityBlock", review: "severityReview", warn: "severityWarn" }[severity] ?? "severityWarn");
}

/** The label of a finding's fix button: add, remove or replace. */
export function fixLabel(finding) {
  if (finding.start === finding.end) return t("fixAdd", [finding.fix.trim()]);
  if (finding.fix === "") return t("fixRemove");
  return t("fixReplace", [finding.fix]);
}

/** One sentence for the overall verdict. */
export function verdictSentence(verdict) {
  return t({ ok: "verdictOk", warn: "verdictWarn", review: "verdictReview", block: "verdictBlock" }[verdict] ?? "verdictWarn");
}

/** Findings most severe first (the server's order within a severity is kept). */
export function bySeverity(findings) {
  return [...findings].sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity]);
}
