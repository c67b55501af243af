/**
 * dom.js — build elements without ever parsing HTML: text goes through textContent, attributes through
 * setAttribute, so nothing the server or a page sends can become markup.
 *
 *   h("button", { class: "primary", type: "button", onclick: go }, t("share"))
 *
 * Props: `class`, `dataset` (an object), `on<event>` (a listener), booleans (`disabled`, `checked`,
 * `hidden`…: set when true), anything else as an attribute. Children: nodes, strings, or null/false
 * (skipped), nested arrays allowed.
 */

export function h(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(props ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name === "class") node.className = value;
    else if (name === "dataset") Object.assign(node.dataset, value);
    else if (name.startsWith("on") && typeof value === "function") node.addEventListener(name.slice(2), value);
    else if (name === "value") node.value = value;
    else if (value === true) node.setAttribute(name, "");
    else node.setAttribute(name, String(value));
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(node, child);
    else node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replace `container`'s content with `children`. */
export function show(container, ...children) {
  container.replaceChildren();
  append(container, children);
  return container;
}

/** Call `callback` once input settles for `delay` ms. */
export function debounce(callback, delay) {
  let timer = null;
  const debounced = (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => callback(...args), delay);
  };
  debounced.cancel = () => clearTimeout(timer);
  return debounced;
}
