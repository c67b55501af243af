// Link previews show images from other sites, which move or vanish: when one cannot be loaded, show the
// category's placeholder instead of an empty frame.
(() => {
  const placeholder = (image) => {
    const box = document.createElement("div");
    box.className = `link-thumb link-thumb-${image.dataset.category || "none"} ${image.dataset.extraClass || ""}`.trim();
    box.setAttribute("aria-hidden", "true");
    const letter = document.createElement("span");
    letter.textContent = image.dataset.letter || "";
    box.append(letter);
    image.replaceWith(box);
  };
  for (const image of document.querySelectorAll("img.link-image")) {
    if (image.complete && image.naturalWidth === 0) placeholder(image);
    else image.addEventListener("error", () => placeholder(image), { once: true });
  }
})();
