/**
 * panel.js — the charter's findings next to a network's composer: a small pill under the composer's
 * bottom-right corner ("Charter: 2 remarks"), which opens the list of findings, each with its explanation,
 * a button that selects the passage and, when there is one, the one-click fix.
 *
 * It lives in a shadow root, so the page's styles do not reach it, and its stylesheet is a constructed one
 * (pages' Content-Security-Policy applies to <style> elements, not to those). The root is open: the panel
 * shows nothing the page does not already have (its own text, the charter's remarks on it). The verdict
 * is announced politely to screen readers; the list is not re-read at each keystroke.
 */

import { t } from "../lib/ext.js";
import { bySeverity, fixLabel, hasFix, messageOf, severityLabel, verdictSentence } from "../lib/findings.js";
import { PANEL_CSS } from "./panel-style.js";

function node(tag, className, text) {
  const element = document.createElement(tag);
  if (className) element.className = className;
  if (text !== undefined) element.textContent = text;
  return element;
}

function countLabel(count) {
  return count === 1 ? t("findingsOne") : t("findingsMany", [String(count)]);
}

export class CharterPanel {
  /** `onFix(finding)` and `onShow(finding)` are called from the list's buttons. */
  constructor({ onFix, onShow }) {
    this.onFix = onFix;
    this.onShow = onShow;
    this.host = node("div");
    this.host.dataset.pvCharter = "";
    this.host.style.cssText = "position:fixed;z-index:2147483646;top:0;left:0;width:0;height:0;";
    this.root = this.host.attachShadow({ mode: "open" });
    this.styleRoot();
    this.box = node("div", "box");
    this.box.hidden = true;
    this.pill = node("button", "pill");
    this.pill.type = "button";
    this.pill.setAttribute("aria-expanded", "false");
    this.pill.addEventListener("mousedown", (event) => event.preventDefault()); // keep the composer's focus
    this.pill.addEventListener("click", () => this.toggle());
    this.status = node("p", "status");
    this.status.setAttribute("role", "status");
    this.status.setAttribute("aria-live", "polite");
    this.list = node("ul", "findings");
    this.list.hidden = true;
    this.box.append(this.pill, this.status, this.list);
    this.root.append(this.box);
    this.composer = null;
    this.frame = null;
  }

  styleRoot() {
    try {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(PANEL_CSS);
      this.root.adoptedStyleSheets = [sheet];
    } catch {
      this.root.append(node("style", "", PANEL_CSS)); // a browser without constructed sheets here
    }
  }

  attach(composer) {
    this.composer = composer;
    if (!this.host.isConnected) document.documentElement.append(this.host);
    this.follow();
  }

  detach() {
    cancelAnimationFrame(this.frame);
    this.composer = null;
    this.host.remove();
  }

  /** Keep the pill under the composer while the page scrolls or the composer grows. */
  follow() {
    cancelAnimationFrame(this.frame);
    const place = () => {
      if (!this.composer?.isConnected) {
        this.detach();
        return;
      }
      const rect = this.composer.getBoundingClientRect();
      const width = this.box.offsetWidth || 160;
      const left = Math.max(8, Math.min(rect.right - width, window.innerWidth - width - 8));
      const below = rect.bottom + 6;
      const top = below + this.box.offsetHeight > window.innerHeight - 8
        ? Math.max(8, rect.top - this.box.offsetHeight - 6) : below;
      this.box.style.transform = `translate(${Math.round(left)}px, ${Math.round(top)}px)`;
      this.frame = requestAnimationFrame(place);
    };
    place();
  }

  toggle(open = !this.box.classList.contains("open")) {
    this.box.classList.toggle("open", open);
    this.list.hidden = !open || !this.list.childElementCount;
    this.pill.setAttribute("aria-expanded", String(open));
  }

  setPill(text, tone) {
    this.box.hidden = false;
    this.pill.textContent = `${t("charterPill")} · ${text}`;
    this.pill.className = `pill ${tone}`;
  }

  busy() {
    this.box.classList.add("busy");
    for (const button of this.list.querySelectorAll("button.fix")) button.disabled = true;
  }

  hide() {
    this.box.hidden = true;
    this.list.replaceChildren();
    this.toggle(false);
  }

  /** The server's answer for the text last checked. */
  showResult(result) {
    this.box.classList.remove("busy");
    const findings = bySeverity(result.findings);
    const sentence = verdictSentence(result.verdict);
    if (this.status.textContent !== sentence) this.status.textContent = sentence;
    this.setPill(findings.length ? countLabel(findings.length) : t("charterAllGood"), result.verdict);
    this.list.replaceChildren(...findings.map((finding) => this.item(finding)));
    if (!findings.length) this.toggle(false);
    else if (result.verdict === "block" || result.verdict === "review") this.toggle(true);
    else this.toggle(this.box.classList.contains("open"));
  }

  item(finding) {
    const item = node("li", `finding ${finding.severity}`);
    item.append(node("span", "severity", severityLabel(finding.severity)), " ", node("span", "message", messageOf(finding)));
    const actions = node("span", "actions");
    if (finding.end > finding.start) {
      const show = node("button", "show", t("findingShow"));
      show.type = "button";
      show.addEventListener("mousedown", (event) => event.preventDefault());
      show.addEventListener("click", () => this.onShow(finding));
      actions.append(show);
    }
    if (hasFix(finding)) {
      const fix = node("button", "fix", fixLabel(finding));
      fix.type = "button";
      fix.addEventListener("mousedown", (event) => event.preventDefault());
      fix.addEventListener("click", () => this.onFix(finding));
      actions.append(fix);
    }
    if (actions.childElementCount) item.append(actions);
    return item;
  }

  /** A check that could not be made: say so quietly, with no list. */
  showProblem(messageKey) {
    this.box.classList.remove("busy");
    this.list.replaceChildren();
    this.toggle(false);
    const sentence = t(messageKey);
    if (this.status.textContent !== sentence) this.status.textContent = sentence;
    this.setPill(t("charterUnavailableShort"), "muted");
  }
}
