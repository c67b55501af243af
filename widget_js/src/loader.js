/**
 * Porte-Voix share button loader: `<script src="https://share.example.com/widget.js" async></script>` and
 * `<div data-pv-share data-url="https://…"></div>` (or `<pv-share url="…"></pv-share>`) anywhere on a page.
 *
 * Private until clicked: it paints buttons and requests nothing (no counter, lookup, font or image). A click
 * opens the server's compose page, /embed/compose?url=…, in a modal dialog; the frame and this page talk by
 * postMessage only, each checking the other's origin (messages: resize, close, done). The button and the
 * dialog live in open shadow roots, so the host page's styles cannot break them, nor they the page.
 *
 * Options (attributes of the element): data-url (default: the page's canonical address), data-lang (fr or
 * en; default: the nearest lang attribute), data-label (the button's text), data-size (small, medium,
 * large), data-networks (the networks offered, e.g. "linkedin,x"). Buttons added later are picked up.
 * Events on the element: "pv-share:done" (detail: {share, state}) once a share is submitted.
 */
import { BUTTON_STYLES, DIALOG_STYLES, ICON } from "./styles.js";

const TEXT = {
  fr: { share: "Partager", close: "Fermer", title: "Partager cet article", loading: "Chargement…" },
  en: { share: "Share", close: "Close", title: "Share this article", loading: "Loading…" },
};
const SIZES = { small: "small", medium: "medium", large: "large" };
const SOURCE = "porte-voix";

function serverBase() {
  const script = document.currentScript || document.querySelector('script[src*="/widget"][src$=".js"]');
  return new URL("./", script ? script.src : location.href);
}

function sheet(css) {
  // Constructed style sheets are not inline styles: a host page's strict CSP leaves them alone.
  try {
    const built = new CSSStyleSheet();
    built.replaceSync(css);
    return { adopt: (root) => { root.adoptedStyleSheets = [built]; } };
  } catch (error) {
    return { adopt: (root) => { const style = document.createElement("style"); style.textContent = css; root.append(style); } };
  }
}

function languageOf(element) {
  const declared = element.getAttribute("data-lang") || (element.closest("[lang]") || document.documentElement).lang || "";
  return declared.slice(0, 2).toLowerCase() === "fr" ? "fr" : "en";
}

function articleOf(element) {
  const given = element.getAttribute("data-url") || element.getAttribute("url");
  const canonical = document.querySelector('link[rel="canonical"]');
  try {
    return new URL(given || (canonical && canonical.href) || location.href, location.href).href;
  } catch (error) {
    return given;
  }
}

export function createShareButtons(base) {
  const origin = base.origin;
  const buttonStyles = sheet(BUTTON_STYLES);
  const dialogStyles = sheet(DIALOG_STYLES);
  const mounted = new WeakSet();
  let open = null; // {dialog, frame, host, button, element, root}

  function close() {
    if (!open) return;
    const { dialog, button, root } = open;
    open = null;
    if (dialog.open) dialog.close();
    root.remove();
    button.focus();
  }

  function onMessage(event) {
    if (!open || event.origin !== origin || event.source !== open.frame.contentWindow) return;
    const data = event.data;
    if (!data || data.source !== SOURCE) return;
    if (data.type === "close") close();
    else if (data.type === "resize" && Number.isFinite(data.height)) {
      open.frame.style.height = `${Math.max(160, Math.ceil(data.height))}px`;
    } else if (data.type === "done") {
      open.element.dispatchEvent(new CustomEvent("pv-share:done", { bubbles: true, detail: { share: data.share, state: data.state } }));
    }
  }

  function frameAddress(element, lang) {
    const address = new URL("embed/compose", base);
    address.searchParams.set("url", articleOf(element));
    address.searchParams.set("origin", location.origin);
    address.searchParams.set("lang", lang);
    const networks = element.getAttribute("data-networks");
    if (networks) address.searchParams.set("networks", networks);
    return address.href;
  }

  function buildDialog(text, lang, address) {
    const root = document.createElement("pv-share-dialog");
    const shadow = root.attachShadow({ mode: "open" });
    dialogStyles.adopt(shadow);
    const dialog = document.createElement("dialog");
    dialog.setAttribute("aria-label", text.title);
    dialog.lang = lang;
    const bar = document.createElement("div");
    bar.className = "bar";
    const title = document.createElement("span");
    title.className = "title";
    title.textContent = text.title;
    const closer = document.createElement("button");
    closer.type = "button";
    closer.className = "close";
    closer.setAttribute("aria-label", text.close);
    closer.textContent = "×";
    closer.addEventListener("click", close);
    bar.append(title, closer);
    const frame = document.createElement("iframe");
    frame.title = text.title;
    // web-share: on a phone, the dialog may hand the checked post to the phone's share sheet.
    frame.setAttribute("allow", "clipboard-write; web-share");
    frame.src = address;
    dialog.append(bar, frame);
    dialog.addEventListener("cancel", (event) => { event.preventDefault(); close(); });
    dialog.addEventListener("click", (event) => { if (event.target === dialog) close(); });
    shadow.append(dialog);
    return { root, dialog, frame };
  }

  function openDialog(element, button) {
    if (open) close();
    const lang = languageOf(element);
    const { root, dialog, frame } = buildDialog(TEXT[lang], lang, frameAddress(element, lang));
    document.body.append(root);
    open = { dialog, frame, button, element, root };
    dialog.showModal();
    frame.addEventListener("load", () => { if (open && open.frame === frame) frame.focus(); });
  }

  function mount(element) {
    if (mounted.has(element)) return;
    mounted.add(element);
    const shadow = element.shadowRoot || element.attachShadow({ mode: "open" });
    buttonStyles.adopt(shadow);
    const lang = languageOf(element);
    const button = document.createElement("button");
    button.type = "button";
    button.className = SIZES[element.getAttribute("data-size")] || "medium";
    const label = element.getAttribute("data-label") || TEXT[lang].share;
    button.innerHTML = ICON;
    const span = document.createElement("span");
    span.textContent = label;
    button.append(span);
    button.setAttribute("aria-haspopup", "dialog");
    button.addEventListener("click", () => openDialog(element, button));
    shadow.replaceChildren(button);
  }

  function scan(node) {
    if (node.nodeType !== 1) return;
    if (node.matches("[data-pv-share]")) mount(node);
    node.querySelectorAll("[data-pv-share]").forEach(mount);
  }

  window.addEventListener("message", onMessage);
  return { mount, scan, close };
}

function start() {
  if (window.__porteVoixShare) return;
  const buttons = createShareButtons(serverBase());
  window.__porteVoixShare = buttons;
  if (!customElements.get("pv-share")) {
    customElements.define("pv-share", class extends HTMLElement {
      connectedCallback() { buttons.mount(this); }
    });
  }
  const begin = () => {
    buttons.scan(document.documentElement);
    new MutationObserver((changes) => {
      for (const change of changes) change.addedNodes.forEach((node) => buttons.scan(node));
    }).observe(document.documentElement, { childList: true, subtree: true });
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", begin);
  else begin();
}

start();
