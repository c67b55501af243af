/**
 * draft-keeper.js — the words an employee started on a compose form survive the steps taken before
 * sharing (taking part, the charter, its quiz) and any page in between: they are kept in this tab's
 * sessionStorage under the form's `data-draft-key`, put back when the form comes back empty, and
 * forgotten once a page marked `data-draft-done` (the share that was made) is shown.
 *
 * sessionStorage stays in this tab and ends with it: nothing of the draft leaves the browser.
 */

function tabStorage() {
  try {
    return window.sessionStorage;
  } catch {
    return null; // storage refused (privacy settings): the server still keeps the text of a refused submit
  }
}

const store = tabStorage();

if (store) {
  for (const done of document.querySelectorAll("[data-draft-done]")) store.removeItem(done.dataset.draftDone);
  for (const form of document.querySelectorAll("form[data-draft-key]")) {
    const key = form.dataset.draftKey;
    const text = form.querySelector("textarea[name=text]");
    if (!text) continue;
    const kept = store.getItem(key);
    if (kept && !text.value.trim()) {
      text.value = kept;
      text.dispatchEvent(new Event("input", { bubbles: true })); // the live check reads it again
    }
    text.addEventListener("input", () => {
      if (text.value.trim()) store.setItem(key, text.value);
      else store.removeItem(key);
    });
  }
}
