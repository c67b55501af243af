/**
 * editable.js — reading the text of a composer and replacing a part of it, for a <textarea> and for the
 * rich-text editors networks use (contenteditable: Quill on LinkedIn, Draft.js on X).
 *
 * A rich editor's text is read line by line: each "leaf block" (a block element holding no other block:
 * Quill's <p>, Draft's innermost <div>) is one line, lines joined by "\n"; a <br> is a line break except
 * the lone placeholder <br> of an empty line. The same walk maps a text offset back to a DOM position, so
 * a fix selects exactly the checked passage and replaces it with `insertText`, the editing command these
 * editors listen to (changing their DOM directly would be undone by their own model).
 */

const BLOCKS = new Set(["P", "DIV", "LI", "UL", "OL", "H1", "H2", "H3", "H4", "H5", "H6", "BLOCKQUOTE", "PRE",
  "SECTION", "ARTICLE"]);

function isBlock(node) {
  return node.nodeType === Node.ELEMENT_NODE && BLOCKS.has(node.tagName);
}

function leafBlocks(root) {
  const blocks = [...root.querySelectorAll([...BLOCKS].join(","))].filter((block) => ![...block.children].some(isBlock));
  return blocks.length ? blocks : [root];
}

function isPlaceholderBreak(br, block) {
  const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
  let last = null;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.nodeType === Node.TEXT_NODE ? node.data.length : node.tagName === "BR") last = node;
  }
  return last === br;
}

/** {text, points}: the text, and where each text node starts in it (for mapping offsets back). */
function model(root) {
  let text = "";
  const points = [];
  leafBlocks(root).forEach((block, index) => {
    if (index > 0) text += "\n";
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.nodeType === Node.TEXT_NODE) {
        points.push({ node, at: text.length });
        text += node.data;
      } else if (node.tagName === "BR" && !isPlaceholderBreak(node, block)) {
        text += "\n";
      }
    }
  });
  return { text, points };
}

function isTextControl(element) {
  return element.tagName === "TEXTAREA" || element.tagName === "INPUT";
}

/** The composer's text as the employee sees it. */
export function readText(element) {
  return isTextControl(element) ? element.value : model(element).text;
}

/** The DOM position of a UTF-16 offset of the composer's text. */
function position(points, offset) {
  let chosen = null;
  for (const point of points) {
    if (point.at <= offset && offset <= point.at + point.node.data.length) {
      chosen = point;
      if (offset < point.at + point.node.data.length) break; // prefer the node the offset is inside
    }
  }
  return chosen ? { node: chosen.node, offset: offset - chosen.at } : null;
}

/**
 * Replace text[start:end] (UTF-16 offsets of `readText`) with `replacement`, as if the employee typed it.
 * Returns false when the passage cannot be found (the text changed): the caller checks again.
 */
export function replaceText(element, start, end, replacement) {
  element.focus();
  if (isTextControl(element)) {
    element.setSelectionRange(start, end);
    if (!document.execCommand("insertText", false, replacement)) {
      element.setRangeText(replacement, start, end, "end");
      element.dispatchEvent(new Event("input", { bubbles: true }));
    }
    return true;
  }
  const { points } = model(element);
  const from = position(points, start);
  const to = position(points, end);
  if (!from || !to) return false;
  const range = document.createRange();
  range.setStart(from.node, from.offset);
  range.setEnd(to.node, to.offset);
  const selection = window.getSelection();
  selection.removeAllRanges();
  selection.addRange(range);
  if (replacement === "") return document.execCommand("delete", false);
  return document.execCommand("insertText", false, replacement);
}

/** Select text[start:end] in the composer (the "show in the text" action). */
export function selectText(element, start, end) {
  element.focus();
  if (isTextControl(element)) {
    element.setSelectionRange(start, end);
    return;
  }
  const { points } = model(element);
  const from = position(points, start);
  const to = position(points, end);
  if (!from || !to) return;
  const range = document.createRange();
  range.setStart(from.node, from.offset);
  range.setEnd(to.node, to.offset);
  const selection = window.getSelection();
  selection.removeAllRanges();
  selection.addRange(range);
}
