// The share button's admin page: copy the two lines.
for (const button of document.querySelectorAll("[data-copy-snippet]")) {
  button.addEventListener("click", async () => {
    const status = button.parentElement.querySelector(".snippet-copied");
    const french = document.documentElement.lang === "fr";
    try {
      await navigator.clipboard.writeText(document.querySelector(button.dataset.copySnippet).textContent);
      status.textContent = french ? "Copié." : "Copied.";
    } catch (error) {
      status.textContent = french ? "Copie impossible : sélectionnez le texte." : "Could not copy: select the text.";
    }
  });
}
