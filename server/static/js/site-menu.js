// The site menu on narrow screens: one button (a disclosure) instead of rows of links. Without this script
// the links stay listed, as on wide screens. Escape closes the menu and gives the focus back to the button.
const button = document.querySelector(".site-menu-button");
const menu = button && document.getElementById(button.getAttribute("aria-controls"));

function setOpen(open) {
  button.setAttribute("aria-expanded", String(open));
  menu.classList.toggle("site-menu-open", open);
}

if (button && menu) {
  button.hidden = false;
  document.documentElement.classList.add("has-menu-button");
  setOpen(false);
  button.addEventListener("click", () => setOpen(button.getAttribute("aria-expanded") !== "true"));
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true") {
      setOpen(false);
      button.focus();
    }
  });
}
