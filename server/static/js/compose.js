// The compose page: start from the caption idea (never forced); ask for the employee's own server (on the
// networks that need one) only when that network's composer is chosen.
const form = document.getElementById("compose");
if (form) {
  const text = form.querySelector("#text");
  const useIdea = document.getElementById("use-idea");
  const idea = document.getElementById("idea-text");
  if (useIdea && idea && text) {
    useIdea.addEventListener("click", () => {
      text.value = idea.textContent.trim();
      text.focus();
      text.dispatchEvent(new Event("input", { bubbles: true }));
    });
  }
  const refresh = () => {
    for (const instance of form.querySelectorAll("[data-instance-for]")) {
      const name = instance.dataset.instanceFor;
      const chosen = form.querySelector(`input[name="network"][value="${CSS.escape(name)}"]`);
      const api = form.querySelector(`input[name="method_${CSS.escape(name)}"][value="api"]`);
      instance.hidden = !chosen || !chosen.checked || Boolean(api && api.checked);
    }
  };
  form.addEventListener("change", (event) => {
    refresh();
    if (event.target.name === "network" && text) text.dispatchEvent(new Event("input", { bubbles: true }));
  });
  refresh();
}
