// Tables become cards on narrow screens (site CSS, `table.as-cards`): each cell is labelled with its
// column's heading so that a card still says what each figure is.
for (const table of document.querySelectorAll("main table")) {
  const headings = [...table.querySelectorAll("thead th")].map((cell) => cell.textContent.trim());
  if (!headings.length) continue;
  for (const row of table.querySelectorAll("tbody tr")) {
    [...row.children].forEach((cell, index) => {
      if (headings[index] && !cell.hasAttribute("data-label")) cell.setAttribute("data-label", headings[index]);
    });
  }
  table.classList.add("as-cards");
}
