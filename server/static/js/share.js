// A share's page: open a network's composer in a small window (copying the text first when the network
// cannot receive it), or hand the checked text and the tracked link to the phone's share sheet (Web Share
// API, where the browser has it: the employee picks LinkedIn, WhatsApp or any installed app), and tell the
// server the composer was opened, for the employee's own follow-up. The page offers either only once the
// server's charter check has passed: a blocked post never reaches them.
const csrf = document.querySelector('meta[name="csrf-token"]').content;

async function copy(text, status) {
  if (!text) return;
  try {
    await navigator.clipboard.writeText(text);
    if (status) status.textContent = document.documentElement.lang === "fr"
      ? "Texte copié : collez-le dans la fenêtre du réseau." : "Text copied: paste it in the network's window.";
  } catch (error) {
    if (status) status.textContent = document.documentElement.lang === "fr"
      ? "Copie impossible : sélectionnez le texte ci-dessus et copiez-le." : "Could not copy: select the text above and copy it.";
  }
}

function opened(share, network) {
  fetch(`/api/v1/shares/${share}/targets/${network}/opened`, {
    method: "POST", headers: { "X-CSRFToken": csrf, "Accept": "application/json" }, credentials: "same-origin",
    keepalive: true,  // the employee may leave or reload the page at once: the request still goes
  }).catch(() => {});
}

for (const link of document.querySelectorAll("a.open-intent")) {
  link.addEventListener("click", async (event) => {
    event.preventDefault();
    const status = link.parentElement.querySelector(".copied");
    // Copy before the popup takes the focus: the clipboard refuses a page in the background, and a slow
    // machine may not have finished writing when the popup appears. The click's user activation lasts a few
    // seconds (Chromium, Firefox), long enough for the copy, so the popup still opens from this click.
    await copy(link.dataset.copy, status);
    const popup = window.open(link.href, `pv-${link.dataset.network}`, "popup,width=640,height=720");
    if (!popup) window.location.assign(link.href);
    opened(link.dataset.share, link.dataset.network);
  });
}

for (const button of document.querySelectorAll("button.copy-text")) {
  button.addEventListener("click", async () => {
    await copy(button.dataset.copy, button.parentElement.querySelector(".copied"));
    opened(button.dataset.share, button.dataset.network);
  });
}

for (const button of document.querySelectorAll("button.native-share")) {
  const data = { text: button.dataset.text, url: button.dataset.url };
  if (typeof navigator.share !== "function" || (navigator.canShare && !navigator.canShare(data))) continue;
  button.hidden = false;
  button.addEventListener("click", async () => {
    try {
      await navigator.share(data);
    } catch (error) {
      return;  // the employee closed the sheet (AbortError) or the browser refused: nothing was shared
    }
    opened(button.dataset.share, button.dataset.network);
  });
}
