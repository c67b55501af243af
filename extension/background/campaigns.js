/**
 * campaigns.js — an optional notification when a new campaign targets the employee (off by default; the
 * options page asks for the `notifications` permission when it is turned on).
 *
 * Once an hour (an alarm: the worker need not be running) the campaigns of the employee's suggestions
 * are compared with those already seen; the first round only takes note, so turning the feature on does
 * not announce every running campaign at once.
 */

import { api } from "../lib/api.js";
import { save, settings } from "../lib/config.js";
import { browser, t } from "../lib/ext.js";
import { openPopup } from "./popup-window.js";

const ALARM = "pv-campaigns";
const PERIOD_MINUTES = 60;
const NOTICE = "pv-campaign-";

export async function scheduleCampaigns() {
  const { campaigns } = await settings();
  if (campaigns.notify) await browser.alarms.create(ALARM, { delayInMinutes: 1, periodInMinutes: PERIOD_MINUTES });
  else await browser.alarms.clear(ALARM);
}

/** Look for new campaigns now; returns those announced. */
export async function checkCampaigns() {
  const current = await settings();
  if (!current.campaigns.notify || !browser.notifications) return [];
  let suggestions;
  try {
    suggestions = await api.suggestions({ limit: 50 });
  } catch {
    return [];
  }
  const running = new Map();
  for (const { link } of suggestions) if (link.campaign) running.set(link.campaign.id, link.campaign);
  const seen = current.campaigns.seen;
  const fresh = seen === null ? [] : [...running.values()].filter((campaign) => !seen.includes(campaign.id));
  for (const campaign of fresh) {
    await browser.notifications.create(`${NOTICE}${campaign.id}`, {
      type: "basic", iconUrl: browser.runtime.getURL("icons/icon-128.png"),
      title: t("notifyCampaignTitle"), message: campaign.name,
    });
  }
  await save({ campaigns: { ...current.campaigns, seen: [...new Set([...(seen ?? []), ...running.keys()])] } });
  return fresh;
}

export function onAlarm(alarm) {
  if (alarm.name === ALARM) checkCampaigns();
}

function onNotificationClicked(id) {
  if (id.startsWith(NOTICE)) openPopup({ view: "home" });
}

let listening = false;

/** The notifications API exists only once its permission is granted: listen as soon as it does. */
export function listenToNotifications() {
  if (listening || !browser.notifications) return;
  browser.notifications.onClicked.addListener(onNotificationClicked);
  listening = true;
}
