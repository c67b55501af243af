/**
 * session.js — the keys of `storage.session`: short-lived state shared by the background and the popup,
 * gone when the browser closes (the background worker itself may stop at any time).
 */

export const SESSION = Object.freeze({
  PENDING_CONNECT: "pending-connect", // {server, at}: the employee asked to connect to this server
  POPUP_REQUEST: "popup-request", // {view, url, title, at}: what the next popup should show
  LAST_PROPOSAL: "last-proposal", // {url, status | error, proposal, at}: the last "suggest this page"
  LOOKUPS: "lookups", // {url: {at, result}}: library lookups, cached for the badge and the popup
});
