/**
 * The share button's frame (every /embed/… page): talks to the host page, hands the frame a session after a
 * sign-in in a popup, copies tracked links. The compose form itself is the portal's (compose.js and the
 * live check, charter-check.js, load beside this module).
 *
 * Messages to the host page go to the origin the server vouched for (body[data-host-origin]) only:
 *   {source: "porte-voix", type: "resize", height}  the page's height, so the dialog fits it
 *   {source: "porte-voix", type: "close"}           Escape was pressed in the frame
 *   {source: "porte-voix", type: "done", share, state}  a share was submitted
 * Messages received: only {type: "signed-in", token} from the sign-in popup this frame opened, of this
 * server's own origin; anything else (another origin, another window) is ignored.
 */

const SOURCE = "porte-voix";
const TEXT = {
  fr: {
    blocked: "La fenêtre de connexion n'a pas pu s'ouvrir : autorisez les fenêtres pour ce site, ou ouvrez le lien dans un onglet.",
    waiting: "Connectez-vous dans la petite fenêtre…",
    signingIn: "Connexion…",
    copied: "Lien copié.",
    notCopied: "Copie impossible : sélectionnez le lien et copiez-le.",
    done: "Vous êtes connecté : cette fenêtre va se fermer.",
  },
  en: {
    blocked: "The sign-in window could not open: allow pop-ups for this site, or open the link in a tab.",
    waiting: "Sign in in the small window…",
    signingIn: "Signing in…",
    copied: "Link copied.",
    notCopied: "Could not copy: select the link and copy it.",
    done: "You are signed in: this window closes now.",
  },
};
const text = TEXT[(document.documentElement.lang || "en").slice(0, 2)] || TEXT.en;
const hostOrigin = document.body.dataset.hostOrigin || "";
const framed = window.parent !== window;

function tellHost(type, details) {
  if (framed && hostOrigin) window.parent.postMessage({ source: SOURCE, type, ...details }, hostOrigin);
}

function watchHeight() {
  // The content's own height (the document's is never less than the frame's, so it could not shrink).
  const content = document.querySelector("main") || document.body;
  let last = 0;
  const report = () => {
    const height = Math.ceil(content.getBoundingClientRect().bottom + window.scrollY);
    if (Math.abs(height - last) > 2) {
      last = height;
      tellHost("resize", { height });
    }
  };
  new ResizeObserver(report).observe(content);
  report();
}

function closeOnEscape() {
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && !event.defaultPrevented) tellHost("close");
  });
}

/** The sign-in step: a popup signs in (first-party), then posts a one-time token to this frame. */
function signInStep() {
  const link = document.querySelector("[data-sign-in]");
  const form = document.querySelector("[data-handoff-form]");
  const status = document.querySelector(".sign-in-status");
  if (!link || !form) return;
  const pending = new URLSearchParams(location.hash.slice(1)).get("handoff");
  if (pending) {
    // Reloaded after the popup: this page's form token is fresh whichever cookie the frame now sends.
    history.replaceState(null, "", location.pathname + location.search);
    form.elements.token.value = pending;
    status.textContent = text.signingIn;
    form.submit();
    return;
  }
  let popup = null;
  window.addEventListener("message", (event) => {
    if (event.origin !== location.origin || !popup || event.source !== popup) return;
    const data = event.data;
    if (!data || data.source !== SOURCE || data.type !== "signed-in" || typeof data.token !== "string") return;
    status.textContent = text.signingIn;
    location.hash = `handoff=${encodeURIComponent(data.token)}`;
    location.reload();
  });
  link.addEventListener("click", (event) => {
    event.preventDefault();
    popup = window.open(link.href, "porte-voix-sign-in", "popup,width=520,height=680");
    status.textContent = popup ? text.waiting : text.blocked;
  });
}

/** The popup, once signed in: give the frame that opened it its token, then close. */
function handOff(token) {
  const status = document.querySelector("[data-handoff-status]");
  if (!window.opener) return; // signed in from an e-mailed link in a new tab: the page says what to do
  window.opener.postMessage({ source: SOURCE, type: "signed-in", token }, location.origin);
  if (status) status.textContent = text.done;
  setTimeout(() => window.close(), 300);
}

function copyLinks() {
  for (const button of document.querySelectorAll("[data-copy-link]")) {
    button.addEventListener("click", async () => {
      const field = document.querySelector(button.dataset.copyLink);
      const status = button.closest(".tracked-link").querySelector(".link-copied");
      try {
        await navigator.clipboard.writeText(field.value);
        status.textContent = text.copied;
      } catch (error) {
        field.select();
        status.textContent = text.notCopied;
      }
    });
  }
}

const body = document.body.dataset;
if (body.step !== "sign-in" && location.hash.startsWith("#handoff=")) {
  history.replaceState(null, "", location.pathname + location.search); // signed in already: nothing to redeem
}
if (body.handoff) handOff(body.handoff);
if (framed) {
  watchHeight();
  closeOnEscape();
}
if (body.step === "sign-in") signInStep();
if (body.done) tellHost("done", { share: Number(body.done), state: body.doneState });
copyLinks();
