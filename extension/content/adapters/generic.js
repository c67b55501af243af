/**
 * The fallback for any site the employee enabled, and for a known site whose composer changed beyond its
 * adapter's selectors: the focused text box (a <textarea> or a rich-text contenteditable area), checked
 * without a network's length rule.
 */

const MIN_WIDTH = 120;

export default {
  site: null,
  network: null,
  hosts: [],
  composerOf(element) {
    const box = element.closest('textarea, [contenteditable="true"], [contenteditable=""], [contenteditable="plaintext-only"]');
    if (!box || box.closest("[data-pv-charter]")) return null;
    if (box.tagName !== "TEXTAREA") {
      // The outermost editable element is the editor (inner nodes inherit contenteditable).
      let root = box;
      while (root.parentElement?.isContentEditable) root = root.parentElement;
      return root.getBoundingClientRect().width >= MIN_WIDTH ? root : null;
    }
    return box.getBoundingClientRect().width >= MIN_WIDTH ? box : null;
  },
};
