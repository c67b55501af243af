// The installable app on every page: register the service worker, say clearly when the network is missing,
// refuse to send a form while offline (nothing is queued to be sent later) and drop the kept suggestions
// when the employee signs out.
const state = document.getElementById("offline-state");

function showOffline(message) {
  if (!state) return;
  state.textContent = message || state.dataset.offline;
  state.hidden = false;
}

function update() {
  if (!state) return;
  if (navigator.onLine) state.hidden = true;
  else showOffline();
}

window.addEventListener("online", update);
window.addEventListener("offline", update);
update();

document.addEventListener("submit", (event) => {
  const form = event.target;
  if (navigator.onLine || (form.method || "").toLowerCase() !== "post") return;
  event.preventDefault();
  showOffline(state && state.dataset.notSent);
  state && state.focus();
}, true);

document.addEventListener("submit", (event) => {
  if (!event.defaultPrevented && event.target.matches("form.sign-out") && navigator.serviceWorker
      && navigator.serviceWorker.controller) {
    navigator.serviceWorker.controller.postMessage({ type: "signed-out" });
  }
});

if ("serviceWorker" in navigator) {
  const worker = document.querySelector('meta[name="pv-service-worker"]');
  if (worker) navigator.serviceWorker.register(worker.content, { scope: "/" }).catch(() => {});
}
