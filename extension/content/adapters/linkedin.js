/**
 * LinkedIn's post composer. LinkedIn writes posts in a Quill editor inside the "share box" dialog: a
 * contenteditable `.ql-editor` with role="textbox" (its aria-label is translated, so it is not relied on),
 * one <p> per line. LinkedIn renames its classes from time to time: the selectors are all here, most
 * specific first; when none matches, the generic adapter still helps in any focused text box.
 */

export const SELECTORS = Object.freeze({
  composer: [
    '[data-test-modal-id="sharebox"] [contenteditable="true"][role="textbox"]',
    '.share-creation-state__text-editor .ql-editor[contenteditable="true"]',
    '[role="dialog"] .ql-editor[contenteditable="true"][role="textbox"]',
  ],
});

export default {
  site: "linkedin",
  network: "linkedin",
  hosts: ["www.linkedin.com"],
  /** The composer the focused element belongs to, or null. */
  composerOf(element) {
    for (const selector of SELECTORS.composer) {
      const composer = element.closest(selector);
      if (composer) return composer;
    }
    return null;
  },
};
