/**
 * options.js — the options page: the company's server and the connection to it, the sites where the
 * badge looks pages up, the sites where the charter helps while writing, campaign notifications.
 *
 * Every feature asks for its permission at the moment the employee turns it on (nothing is asked at
 * install), in the click itself (browsers refuse a request that does not come straight from one), and
 * gives it back when it is turned off and nothing else needs it.
 */

import { normalizeServer, onSettingsChanged, save, settings } from "../lib/config.js";
import { h, show } from "../lib/dom.js";
import { browser, localize, originPattern, removePermissions, requestPermissions, sendMessage, t } from "../lib/ext.js";
import { SITES } from "../content/sites.js";

const ALL_SITES = ["https://*/*", "http://*/*"];
const $ = (id) => document.getElementById(id);

/** The origin of a site as typed ("example.com", "https://blog.example.com/post"). */
function normalizeSite(input) {
  const text = String(input ?? "").trim();
  const url = new URL(/^https?:\/\//i.test(text) ? text : `https://${text}`);
  if (!/^https?:$/.test(url.protocol) || (!url.hostname.includes(".") && url.hostname !== "localhost")) throw new Error("site");
  return url.origin;
}

/** Give back host permissions no feature uses any more (the server's is always kept). */
async function release(patterns) {
  const current = await settings();
  const inUse = new Set([current.server, ...(current.badge.mode === "sites" ? current.badge.origins : []),
    ...current.composers.origins].filter(Boolean).map(originPattern));
  for (const id of current.composers.sites) for (const pattern of SITES.find((s) => s.id === id)?.matches ?? []) inUse.add(pattern);
  const unused = patterns.filter((pattern) => !inUse.has(pattern));
  if (unused.length) await removePermissions({ origins: unused });
}

function renderServer(current) {
  const input = $("server");
  if (document.activeElement !== input) input.value = current.server;
  input.disabled = current.managed;
  $("server-note").textContent = current.managed ? t("managedServerNote") : t("serverNote");
  const connected = current.connection === "connected" && current.account;
  const status = $("connection-status");
  status.className = `notice ${connected ? "ok" : current.connection === "revoked" ? "warn" : ""}`;
  status.textContent = connected ? t("connectedAs", [current.account.name, new URL(current.server).host])
    : current.connection === "revoked" ? t("connectionRevoked") : "";
  $("connect").textContent = connected ? t("connectAgain") : t("connect");
  $("connect").className = connected ? "" : "primary";
  $("disconnect").hidden = !connected;
}

function connect(current) {
  const error = $("server-error");
  error.textContent = "";
  let origin;
  try {
    origin = normalizeServer(current.managed ? current.server : $("server").value);
  } catch {
    error.textContent = t("invalidServer");
    return;
  }
  requestPermissions({ origins: [originPattern(origin)], permissions: ["scripting"] }).then(async (granted) => {
    if (!granted) {
      error.textContent = t("permissionRefused", [new URL(origin).host]);
      return;
    }
    if (!current.managed) await save({ server: origin });
    await sendMessage({ type: "connect.begin", server: origin });
    $("connection-status").className = "notice";
    $("connection-status").textContent = t("finishOnServer");
  }).catch((problem) => { error.textContent = problem.message; });
}

async function disconnect() {
  const { revoked } = await sendMessage({ type: "disconnect" });
  $("server-error").textContent = revoked ? "" : t("disconnectNotRevoked");
}

/** A list of sites with "remove", and a field to add one (its permission asked in the click). */
function siteList(container, origins, { label, extra = {}, onAdd, onRemove }) {
  const input = h("input", { type: "text", placeholder: t("sitePlaceholder"), "aria-label": label, spellcheck: "false" });
  const error = h("p", { class: "error small", role: "alert" });
  const add = () => {
    let origin;
    try {
      origin = normalizeSite(input.value);
    } catch {
      error.textContent = t("invalidSite");
      return;
    }
    requestPermissions({ origins: [originPattern(origin)], ...extra }).then((granted) => {
      if (granted) onAdd(origin);
      else error.textContent = t("permissionRefused", [new URL(origin).host]);
    });
  };
  input.addEventListener("keydown", (event) => { if (event.key === "Enter") add(); });
  show(container,
    h("ul", { class: "site-list" }, origins.map((origin) => h("li", {}, h("span", { class: "site" }, new URL(origin).host),
      h("button", { type: "button", "aria-label": t("removeSite", [new URL(origin).host]), onclick: () => onRemove(origin) }, t("remove"))))),
    h("div", { class: "add-site" }, input, h("button", { type: "button", onclick: add }, t("addSite"))),
    error);
}

function renderBadge(current) {
  for (const radio of document.querySelectorAll('input[name="badge-mode"]')) radio.checked = radio.value === current.badge.mode;
  const container = $("badge-sites");
  container.hidden = current.badge.mode !== "sites";
  siteList(container, current.badge.origins, {
    label: t("addBadgeSiteLabel"),
    onAdd: async (origin) => {
      await save({ badge: { ...current.badge, origins: [...new Set([...current.badge.origins, origin])] } });
      await sendMessage({ type: "badge.sync" });
    },
    onRemove: async (origin) => {
      await save({ badge: { ...current.badge, origins: current.badge.origins.filter((o) => o !== origin) } });
      await release([originPattern(origin)]);
      await sendMessage({ type: "badge.sync" });
    },
  });
}

function onBadgeMode(current, mode) {
  const apply = async () => {
    await save({ badge: { ...current.badge, mode } });
    await sendMessage({ type: "badge.sync" });
  };
  if (mode !== "all") {
    apply();
    return;
  }
  requestPermissions({ origins: ALL_SITES }).then((granted) => (granted ? apply() : render()));
}

function renderComposers(current) {
  const enabled = new Set(current.composers.sites);
  show($("composer-sites"), SITES.map((site) => {
    const box = h("input", { type: "checkbox", value: site.id, checked: enabled.has(site.id) });
    box.addEventListener("change", () => onComposerSite(current, site, box.checked));
    return h("label", {}, box, t("composerOn", [site.label]));
  }));
  siteList($("composer-others"), current.composers.origins, {
    label: t("addComposerSiteLabel"),
    extra: { permissions: ["scripting"], dataCollection: ["websiteContent"] },
    onAdd: async (origin) => {
      await save({ composers: { ...current.composers, origins: [...new Set([...current.composers.origins, origin])] } });
      await sendMessage({ type: "composers.sync" });
    },
    onRemove: async (origin) => {
      await save({ composers: { ...current.composers, origins: current.composers.origins.filter((o) => o !== origin) } });
      await sendMessage({ type: "composers.sync" });
      await release([originPattern(origin)]);
    },
  });
}

function onComposerSite(current, site, on) {
  const sites = on ? [...new Set([...current.composers.sites, site.id])] : current.composers.sites.filter((id) => id !== site.id);
  const apply = async () => {
    await save({ composers: { ...current.composers, sites } });
    await sendMessage({ type: "composers.sync" });
    if (!on) await release(site.matches);
  };
  if (!on) {
    apply();
    return;
  }
  requestPermissions({ origins: site.matches, permissions: ["scripting"], dataCollection: ["websiteContent"] })
    .then((granted) => (granted ? apply() : render()));
}

function renderCampaigns(current) {
  $("notify-campaigns").checked = current.campaigns.notify;
}

function onNotifyCampaigns(current, on) {
  const apply = async () => {
    await save({ campaigns: { notify: on, seen: null } });
    await sendMessage({ type: "campaigns.sync" });
  };
  if (!on) {
    apply().then(() => removePermissions({ permissions: ["notifications"] }));
    return;
  }
  requestPermissions({ permissions: ["notifications"] }).then((granted) => (granted ? apply() : render()));
}

let latest = null;

async function render() {
  latest = await settings();
  renderServer(latest);
  renderBadge(latest);
  renderComposers(latest);
  renderCampaigns(latest);
}

localize();
$("version").textContent = t("versionLabel", [browser.runtime.getManifest().version]);
$("connect").addEventListener("click", () => connect(latest));
$("disconnect").addEventListener("click", () => disconnect().catch((error) => { $("server-error").textContent = error.message; }));
for (const radio of document.querySelectorAll('input[name="badge-mode"]')) {
  radio.addEventListener("change", () => onBadgeMode(latest, radio.value));
}
$("notify-campaigns").addEventListener("change", (event) => onNotifyCampaigns(latest, event.target.checked));
onSettingsChanged(() => render());
render();
