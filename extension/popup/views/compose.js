/**
 * compose.js — sharing one approved link from the popup: the caption idea as inspiration (the employee
 * writes their own words), the charter's findings live as they type (POST /checks, debounced) with their
 * one-click fixes, the networks (the network's own composer, or the connected account when there is one;
 * the employee's server for Mastodon), and publishing with POST /shares.
 *
 * The Idempotency-Key is made once per distinct request: sending the same share twice (a double click, a
 * retry after a lost answer) returns the same share; changing the text or the networks makes a new one.
 */

import { api } from "../../lib/api.js";
import { debounce, h, show } from "../../lib/dom.js";
import { browser, t, uiLanguage } from "../../lib/ext.js";
import { applyFix, bySeverity, fixLabel, hasFix, messageOf, severityLabel, spanOf, verdictSentence } from "../../lib/findings.js";
import { METHOD, shareRequest } from "../../lib/shares.js";
import { previewImage } from "./home.js";
import { renderResult } from "./result.js";
import { readinessNotice } from "./states.js";

const CHECK_DELAY_MS = 450;

/** The messages of an API error's fields, however nested ({"targets": {"0": {"network": ["…"]}}}). */
function messagesOf(value) {
  if (Array.isArray(value)) return value.flatMap(messagesOf);
  if (value && typeof value === "object") return Object.values(value).flatMap(messagesOf);
  return typeof value === "string" ? [value] : [];
}

function findingItem(finding, { onFix, onShow }) {
  const actions = h("div", { class: "actions" },
    finding.end > finding.start ? h("button", { type: "button", onclick: () => onShow(finding) }, t("findingShow")) : null,
    hasFix(finding) ? h("button", { type: "button", class: "primary", onclick: () => onFix(finding) }, fixLabel(finding)) : null);
  return h("li", { class: `finding ${finding.severity}` },
    h("span", { class: "severity" }, severityLabel(finding.severity)),
    h("span", {}, messageOf(finding)),
    actions.childElementCount ? actions : null);
}

/** The network picker: one checkbox per network, and per chosen network how it goes out. */
function networkPicker(networks, participation) {
  const chosen = new Map();
  const extra = h("div", { class: "network-extra" });
  const grid = h("div", { class: "network-grid" });
  const renderExtra = () => show(extra, [...chosen.keys()].map((name) => networkOptions(networks.find((n) => n.name === name), chosen, participation)));
  for (const network of networks) {
    const box = h("input", { type: "checkbox", name: "network", value: network.name });
    box.addEventListener("change", () => {
      if (box.checked) chosen.set(network.name, { method: defaultMethod(network), instance: participation?.mastodon_instance ?? "" });
      else chosen.delete(network.name);
      renderExtra();
      picker.onChange?.();
    });
    grid.append(h("label", {}, box, network.label));
  }
  const picker = {
    node: h("fieldset", { class: "networks" }, h("legend", {}, t("whereToShare")), grid, extra),
    chosen,
    targets: () => [...chosen.entries()].map(([network, c]) => ({ network, method: c.method, instance: c.instance.trim() || null })),
    onChange: null,
  };
  return picker;
}

function defaultMethod(network) {
  return network.account?.status === "active" && network.posts_directly ? METHOD.API : METHOD.INTENT;
}

function networkOptions(network, chosen, participation) {
  const choice = chosen.get(network.name);
  const parts = [];
  if (network.account?.status === "active" && network.posts_directly) {
    for (const [method, label] of [[METHOD.API, t("postForMe", [network.account.account_name || network.label])],
      [METHOD.INTENT, t("openComposerOf", [network.label])]]) {
      const radio = h("input", { type: "radio", name: `method-${network.name}`, value: method, checked: choice.method === method });
      radio.addEventListener("change", () => { choice.method = method; });
      parts.push(h("label", {}, radio, label));
    }
  }
  if (network.needs_instance) {
    const input = h("input", { type: "text", id: `instance-${network.name}`, value: choice.instance || participation?.mastodon_instance || "",
      placeholder: "mastodon.social", autocomplete: "off" });
    input.addEventListener("input", () => { choice.instance = input.value; });
    parts.push(h("label", { for: input.id }, t("yourServerOn", [network.label])), input);
  }
  return parts.length ? h("div", { dataset: { network: network.name } }, parts) : null;
}

function ideaBox(link, idea, textarea, onUse) {
  if (!idea?.caption) return null;
  let current = idea;
  const text = h("p", {}, current.caption.text);
  const another = current.idea_count > 1
    ? h("button", { type: "button", onclick: async () => {
      current = await api.idea(link.id, current.next_turn);
      text.textContent = current.caption?.text ?? "";
    } }, t("anotherIdea")) : null;
  return {
    node: h("div", { class: "idea-box" }, h("div", { class: "small muted" }, t("captionIdea")), text,
      h("div", { class: "row" }, h("button", { type: "button", onclick: () => {
        textarea.value = current.caption.text;
        onUse();
      } }, t("startFromIdea")), another)),
    text: () => current.caption?.text ?? null,
  };
}

export async function renderCompose(app, link, { fromPage = false } = {}) {
  show(app.view, h("p", { class: "muted" }, t("loading")));
  let networks, kitIdea, charter, participation;
  try {
    [networks, kitIdea, charter, participation] = await Promise.all([
      api.networks(), api.idea(link.id).catch(() => null), api.charter(), api.participation()]);
  } catch (error) {
    app.problem(error);
    return;
  }
  const view = new ComposeView(app, link, { networks, kitIdea, charter, participation, fromPage });
  view.render();
}

class ComposeView {
  constructor(app, link, data) {
    Object.assign(this, { app, link, ...data });
    this.key = null;
    this.keyFor = null;
    this.checkedText = null;
    this.sequence = 0;
  }

  render() {
    const { app, link } = this;
    this.textarea = h("textarea", { id: "text", rows: 6, maxlength: 10000 });
    this.findings = h("div", { class: "findings" });
    this.summary = h("p", { class: "summary", role: "status", "aria-live": "polite" });
    this.list = h("ul", {});
    this.findings.append(this.summary, this.list);
    this.picker = networkPicker(this.networks, this.participation);
    this.picker.onChange = () => this.scheduleCheck(0);
    this.error = h("div", { class: "error", role: "alert" });
    this.publishButton = h("button", { type: "button", class: "primary", id: "publish", onclick: () => this.publish() }, t("publish"));
    this.readiness = h("div", {});
    this.idea = ideaBox(link, this.kitIdea, this.textarea, () => this.scheduleCheck(0));
    const image = previewImage(link.image_url);
    show(app.view,
      h("button", { type: "button", class: "link small", onclick: () => app.home() }, t("back")),
      this.fromPage ? h("p", { class: "notice ok small", dataset: { page: "approved" } }, t("pageIsApproved")) : null,
      h("div", { class: image ? "preview" : "preview no-image" }, image,
        h("div", {}, h("h2", {}, link.title || link.url), h("div", { class: "small muted" }, link.site_name || new URL(link.url).host))),
      this.readiness,
      this.idea?.node,
      h("label", { for: "text" }, t("yourWords")),
      this.textarea,
      this.findings,
      this.picker.node,
      this.error,
      this.publishButton);
    this.check = debounce(() => this.runCheck(), CHECK_DELAY_MS);
    this.textarea.addEventListener("input", () => { this.findings.classList.add("busy"); this.check(); });
    this.showReadiness();
    this.textarea.focus();
    this.restoreDraft();
  }

  /** The draft survives the popup closing (while the charter's steps are taken on the server's page). */
  draftKey() {
    return `draft-${this.link.id}`;
  }

  async keepDraft() {
    const text = this.textarea.value;
    await browser.storage.session?.set({ [this.draftKey()]: text }).catch(() => null);
  }

  async restoreDraft() {
    const kept = await browser.storage.session?.get(this.draftKey()).catch(() => null);
    const text = kept?.[this.draftKey()];
    if (text && !this.textarea.value) {
      this.textarea.value = text;
      this.scheduleCheck(0);
    }
  }

  showReadiness() {
    const notice = readinessNotice(this.app, this.charter, this.participation, {
      stepsPage: `/share/${this.link.id}`,
      beforeLeaving: () => this.keepDraft(),
      onTakePart: async () => {
        this.participation = await api.takePart().catch((error) => { this.showError(error); return this.participation; });
        this.showReadiness();
      },
      onDone: async () => {
        [this.charter, this.participation] = await Promise.all([api.charter(), api.participation()]).catch(() => [this.charter, this.participation]);
        this.showReadiness();
      },
    });
    show(this.readiness, notice);
    this.publishButton.disabled = Boolean(notice);
  }

  scheduleCheck(delay = CHECK_DELAY_MS) {
    if (delay === 0) {
      this.check.cancel();
      this.runCheck();
    } else this.check();
  }

  async runCheck() {
    const text = this.textarea.value;
    if (!text.trim()) {
      this.checkedText = null;
      this.findings.classList.remove("busy");
      this.summary.textContent = "";
      this.list.replaceChildren();
      return;
    }
    const sequence = ++this.sequence;
    const hashtag = this.link.campaign?.hashtag;
    let result;
    try {
      result = await api.check({ text, networks: this.picker.targets().map((target) => target.network), link: this.link.url,
        suggested: this.idea?.text() ?? null, hashtags: hashtag ? [hashtag] : [], language: uiLanguage() });
    } catch (error) {
      if (sequence === this.sequence) this.showCheckProblem(error);
      return;
    }
    if (sequence !== this.sequence) return; // a newer text is being checked
    this.checkedText = text;
    this.showFindings(result.verdict, result.findings);
  }

  showFindings(verdict, findings) {
    this.findings.classList.remove("busy");
    this.summary.className = `summary ${verdict}`;
    this.summary.textContent = verdictSentence(verdict);
    const handlers = { onFix: (f) => this.fix(f), onShow: (f) => this.select(f) };
    show(this.list, bySeverity(findings).map((finding) => findingItem(finding, handlers)));
  }

  showCheckProblem(error) {
    this.findings.classList.remove("busy");
    this.summary.className = "summary warn";
    this.summary.textContent = error.kind === "rate_limited" ? t("checkRateLimited") : t("checkUnavailable");
    this.list.replaceChildren();
    if (error.kind === "rate_limited") this.scheduleCheck();
  }

  fix(finding) {
    if (this.textarea.value !== this.checkedText) return this.scheduleCheck(0);
    this.textarea.value = applyFix(this.checkedText, finding);
    this.textarea.focus();
    return this.scheduleCheck(0);
  }

  select(finding) {
    if (this.textarea.value !== this.checkedText) return;
    const [start, end] = spanOf(this.checkedText, finding);
    this.textarea.focus();
    this.textarea.setSelectionRange(start, end);
  }

  /** The same request keeps its key (a retry is recognised); another request gets a new one. */
  idempotencyKey(body) {
    const fingerprint = JSON.stringify(body);
    if (fingerprint !== this.keyFor) {
      this.key = crypto.randomUUID();
      this.keyFor = fingerprint;
    }
    return this.key;
  }

  async publish() {
    this.error.replaceChildren();
    const targets = this.picker.targets();
    if (!this.textarea.value.trim()) return this.showError({ message: t("writeYourText") });
    if (!targets.length) return this.showError({ message: t("chooseNetwork") });
    const body = shareRequest({ linkId: this.link.id, text: this.textarea.value, targets,
      suggested: this.idea?.text() ?? null, language: uiLanguage() });
    this.publishButton.disabled = true;
    try {
      const share = await api.share(body, this.idempotencyKey(body));
      browser.storage.session?.remove(this.draftKey()).catch(() => null); // shared: the kept draft is done
      renderResult(this.app, share, this.networks);
    } catch (error) {
      this.publishButton.disabled = false;
      this.onRefused(error);
    }
    return null;
  }

  onRefused(error) {
    if (error.code === "share_blocked" && Array.isArray(error.details?.findings)) {
      this.checkedText = this.textarea.value;
      this.showFindings("block", error.details.findings);
    }
    if (error.code === "charter_acknowledgement_required" || error.code === "charter_quiz_required" || error.code === "not_participating") {
      this.onDoneRefresh();
    }
    if (error.kind === "unreachable") return this.showError({ message: t("publishUnreachable") });
    if (error.kind === "revoked") return this.app.retry();
    return this.showError(error);
  }

  async onDoneRefresh() {
    [this.charter, this.participation] = await Promise.all([api.charter(), api.participation()]).catch(() => [this.charter, this.participation]);
    this.showReadiness();
  }

  showError(error) {
    const problems = messagesOf(error.fields ?? {});
    show(this.error, h("p", {}, error.message || t("problemText")), problems.length ? h("ul", {}, problems.map((p) => h("li", {}, p))) : null);
  }
}
