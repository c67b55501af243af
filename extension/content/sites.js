/**
 * sites.js — the sites where the charter can help while the employee writes, with the addresses their
 * composers live at. The options page asks for each site's host permission from these `matches`, the
 * background registers the content script on them, and content/adapters/ holds one adapter per site (its
 * selectors). Any other site the employee enables gets the generic adapter (any focused text box).
 */

export const SITES = Object.freeze([
  Object.freeze({ id: "linkedin", label: "LinkedIn", network: "linkedin", matches: ["https://www.linkedin.com/*"] }),
  Object.freeze({ id: "x", label: "X", network: "x", matches: ["https://x.com/*", "https://twitter.com/*"] }),
]);

export function siteById(id) {
  return SITES.find((site) => site.id === id) ?? null;
}

/** The known site a page address belongs to, or null. */
export function siteOfUrl(url) {
  let host;
  try {
    host = new URL(url).host;
  } catch {
    return null;
  }
  return SITES.find((site) => site.matches.some((pattern) => new URL(pattern.replace("/*", "/")).host === host)) ?? null;
}
