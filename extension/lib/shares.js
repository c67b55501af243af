/**
 * shares.js — the share contract with the server, in one place: the states of a share and of each of its
 * targets (one per network), how a target is asked for, and what the employee may do with it.
 *
 * A share is `draft`, `checked`, `pending_review` (a moderator reads it first), `approved` (released:
 * ready to open), `publishing`, `completed` (every target opened or posted), `rejected`, `failed` or
 * `cancelled`.
 * A target going out through the network's own composer (method "intent") is `ready` (its composer URL is
 * prepared) then `opened` once the employee opened it (the client says so with
 * POST /shares/<id>/targets/<network>/opened). A target posted through the employee's connected account
 * (method "api") is `waiting`, `publishing`, `posted` or `failed`. Any target is `held` while its share is
 * not approved, or `cancelled`. An intent is "opened", never "published": only the employee can post it.
 * A network that lives on the employee's own server (Mastodon: `needs_instance` in GET /networks) names it
 * per target: {"network": "mastodon", "method": "intent", "instance": "mastodon.social"}.
 */

import { t } from "./ext.js";

export const METHOD = Object.freeze({ INTENT: "intent", API: "api" });

export const SHARE_STATES = Object.freeze({
  draft: "shareStateDraft",
  checked: "shareStateChecked",
  pending_review: "shareStatePendingReview",
  edit_suggested: "shareStateEditSuggested",
  approved: "shareStateApproved",
  publishing: "shareStatePublishing",
  completed: "shareStateCompleted",
  rejected: "shareStateRejected",
  failed: "shareStateFailed",
  cancelled: "shareStateCancelled",
});

export const TARGET_STATES = Object.freeze({
  ready: "targetStateReady",
  opened: "targetStateOpened",
  waiting: "targetStateWaiting",
  publishing: "targetStatePublishing",
  posted: "targetStatePosted",
  failed: "targetStateFailed",
  held: "targetStateHeld",
  cancelled: "targetStateCancelled",
});

/** The body of one target of POST /shares. */
export function targetRequest({ network, method = METHOD.INTENT, instance = null }) {
  const target = { network, method };
  if (instance && method === METHOD.INTENT) target.instance = instance;
  return target;
}

/** The body of POST /shares for the popup's compose view. */
export function shareRequest({ linkId, text, targets, suggested, language }) {
  return {
    link_id: linkId,
    text,
    targets: targets.map(targetRequest),
    suggested: suggested || null,
    language: language || null,
    source: "extension",
  };
}

/** A share's state in words, or null for a state this version does not know (nothing is shown then). */
export function shareStateLabel(state) {
  return SHARE_STATES[state] ? t(SHARE_STATES[state]) : null;
}

/**
 * A target's state in words. An intent whose composer was opened says so even if the server lags; an
 * intent in a state this version does not know reads "ready to open" or "opened", never a word that would
 * suggest it was posted.
 */
export function targetStateLabel(target) {
  const intent = target.method === METHOD.INTENT;
  if (intent && target.opened_at && target.state !== "cancelled") return t(TARGET_STATES.opened);
  if (TARGET_STATES[target.state]) return t(TARGET_STATES[target.state]);
  return intent ? t(TARGET_STATES.ready) : target.state;
}

/** Whether the employee can open this target's composer now (its share is released). */
export function canOpen(target) {
  return target.method === METHOD.INTENT && Boolean(target.intent_url) && !["held", "cancelled"].includes(target.state);
}
