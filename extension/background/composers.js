/**
 * composers.js — the charter where people write: which sites get the content script, and the checks it
 * asks for.
 *
 * The script (content/composer.js) is registered with scripting.registerContentScripts on the sites the
 * employee turned on (content/sites.js, plus other sites they added), each only while its host permission
 * is granted. A check is accepted only from a tab of such a site, outside private windows: the text goes
 * to the company's server only while the feature is on for that site.
 */

import { api, ApiError } from "../lib/api.js";
import { settings } from "../lib/config.js";
import { browser, hasPermissions, originPattern, uiLanguage } from "../lib/ext.js";
import { siteById } from "../content/sites.js";

const PREFIX = "pv-composer-";
const SCRIPT = "content/composer.js";
const MAX_TEXT = 65_536;

/** The content-script registrations the settings and granted permissions call for. */
async function wantedScripts() {
  const { composers } = await settings();
  const wanted = [];
  for (const id of composers.sites) {
    const site = siteById(id);
    if (site && (await hasPermissions({ origins: site.matches }))) wanted.push({ id: PREFIX + id, matches: site.matches });
  }
  const others = [];
  for (const origin of composers.origins) {
    if (await hasPermissions({ origins: [originPattern(origin)] })) others.push(originPattern(origin));
  }
  if (others.length) wanted.push({ id: `${PREFIX}other`, matches: others });
  return wanted;
}

/** Register and unregister the composer script to match the settings (idempotent). */
export async function syncComposers() {
  if (!browser.scripting) return []; // no `scripting` permission: nothing can be registered
  const wanted = await wantedScripts();
  const registered = (await browser.scripting.getRegisteredContentScripts()).filter((s) => s.id.startsWith(PREFIX));
  const same = (a, b) => JSON.stringify([...a].sort()) === JSON.stringify([...b].sort());
  const stale = registered.filter((s) => !wanted.some((w) => w.id === s.id && same(w.matches, s.matches)));
  if (stale.length) await browser.scripting.unregisterContentScripts({ ids: stale.map((s) => s.id) });
  const missing = wanted.filter((w) => !registered.some((s) => s.id === w.id && same(w.matches, s.matches)));
  if (missing.length) {
    await browser.scripting.registerContentScripts(missing.map((w) => ({
      id: w.id, matches: w.matches, js: [SCRIPT], runAt: "document_idle", allFrames: false,
    })));
  }
  return wanted.map((w) => w.id);
}

/** Whether the feature is on for the site of `url`. */
export async function enabledFor(url) {
  let origin;
  try {
    origin = new URL(url).origin;
  } catch {
    return false;
  }
  const { composers } = await settings();
  const known = composers.sites.map(siteById).filter(Boolean)
    .some((site) => site.matches.some((pattern) => new URL(pattern.replace("/*", "/")).origin === origin));
  if (!known && !composers.origins.includes(origin)) return false;
  return hasPermissions({ origins: [originPattern(origin)] });
}

export async function checkFromComposer({ text, network }, sender) {
  if (sender.tab?.incognito || !(await enabledFor(sender.url))) throw new ApiError("disabled");
  return api.check({
    text: String(text ?? "").slice(0, MAX_TEXT),
    networks: typeof network === "string" && network ? [network] : [],
    language: uiLanguage(),
  });
}
