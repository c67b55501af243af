// The compose page: start from the caption idea (never forced), ask for a Mastodon server only when needed.
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
  const instance = form.querySelector(".mastodon-instance");
  const mastodon = form.querySelector('input[name="network"][value="mastodon"]');
  const refresh = () => {
    if (!instance || !mastodon) return;
    const api = form.querySelector('input[name="method_mastodon"][value="api"]');
    instance.hidden = !mastodon.checked || Boolean(api && api.checked);
  };
  form.addEventListener("change", (event) => {
    refresh();
    if (event.target.name === "network" && text) text.dispatchEvent(new Event("input", { bubbles: true }));
  });
  refresh();
}
