/**
 * result.js — a share just made: its state, and for each network what to do next. A network's composer
 * opens on the employee's click (its text copied first when the composer cannot receive it), then the
 * server is told it was opened; each network's tracked link can be copied.
 */

import { h, show } from "../../lib/dom.js";
import { sendMessage, t } from "../../lib/ext.js";
import { canOpen, shareStateLabel, targetStateLabel } from "../../lib/shares.js";

async function copy(text, status) {
  try {
    await navigator.clipboard.writeText(text);
    status.textContent = t("copied");
    return true;
  } catch {
    status.textContent = t("copyFailed");
    return false;
  }
}

function networkLabel(networks, name) {
  return networks?.find((n) => n.name === name)?.label ?? name;
}

function targetItem(share, target, networks, onChanged) {
  const label = networkLabel(networks, target.network);
  const status = h("span", { class: "copied", role: "status" });
  const state = h("span", { class: "state" }, targetStateLabel(target));
  const actions = h("div", { class: "row" });
  if (canOpen(target)) {
    actions.append(h("button", { type: "button", class: "primary", onclick: async () => {
      // Copy while the popup still has the focus: the clipboard refuses a page in the background.
      if (target.copy_text) await copy(target.copy_text, status);
      const updated = await sendMessage({ type: "intent.open", shareId: share.id, network: target.network, url: target.intent_url })
        .catch(() => null);
      if (updated) onChanged(updated);
    } }, t("openNetwork", [label])));
  }
  if (target.copy_text && canOpen(target)) {
    actions.append(h("button", { type: "button", onclick: () => copy(target.copy_text, status) }, t("copyText")));
  }
  if (target.external_url) actions.append(h("a", { href: target.external_url, target: "_blank", rel: "noreferrer" }, t("seePost")));
  const tracked = h("input", { type: "text", readonly: true, value: target.tracked_url, "aria-label": t("trackedLinkOf", [label]) });
  return h("li", { class: "target", dataset: { network: target.network, state: target.state } },
    h("div", { class: "head" }, h("strong", {}, label), state),
    target.error_message ? h("p", { class: "error small" }, target.error_message) : null,
    target.copy_text && canOpen(target) ? h("p", { class: "small muted" }, t("copyHint", [label])) : null,
    actions.childElementCount ? actions : null,
    target.tracked_url ? h("div", { class: "tracked" }, tracked,
      h("button", { type: "button", onclick: () => copy(target.tracked_url, status) }, t("copyLink"))) : null,
    status);
}

export function renderResult(app, share, networks) {
  const redraw = (updated) => renderResult(app, updated, networks);
  const pending = share.state === "pending_review";
  const state = shareStateLabel(share.state);
  show(app.view,
    h("h1", {}, pending ? t("sharePendingTitle") : t("shareDoneTitle")),
    state ? h("p", { class: `notice ${pending ? "warn" : "ok"}`, dataset: { shareState: share.state } },
      state, pending ? ` — ${t("sharePendingText")}` : "") : null,
    share.targets.some(canOpen) ? h("p", { class: "small" }, t("sharedLead")) : null,
    h("ul", { class: "targets" }, share.targets.map((target) => targetItem(share, target, networks, redraw))),
    h("nav", { class: "footer-links" },
      h("button", { type: "button", class: "link", onclick: () => app.home() }, t("backToSuggestions")),
      h("button", { type: "button", class: "link", onclick: () => app.openServerPage(`/shares/${share.id}`) }, t("followOnPortal"))));
}
