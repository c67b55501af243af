// "Print this report": the browser's print dialog (a print style sheet hides the navigation and forms).
document.querySelectorAll("[data-print]").forEach((button) => {
  button.addEventListener("click", () => window.print());
});
