// "On this phone": turn notifications of new campaigns on or off for this device, in one tap. Off unless the
// employee turns them on; turning them off tells the server to forget the device, then unsubscribes it.
const section = document.querySelector("[data-push]");
const toggle = document.getElementById("push-toggle");
const state = document.getElementById("push-state");
const csrf = document.querySelector('meta[name="csrf-token"]').content;

async function api(method, path, body) {
  const response = await fetch(`/api/v1/push/${path}`, {
    method, credentials: "same-origin",
    headers: { "X-CSRFToken": csrf, "Accept": "application/json", "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`push API: ${response.status}`);
  return response.json();
}

function keyBytes(base64url) {
  const text = atob(base64url.replace(/-/g, "+").replace(/_/g, "/"));
  return Uint8Array.from(text, (c) => c.charCodeAt(0));
}

function show(on) {
  toggle.setAttribute("aria-pressed", String(on));
  toggle.textContent = on ? section.dataset.turnOff : section.dataset.turnOn;
  state.textContent = on ? section.dataset.on : section.dataset.off;
}

async function current(registration) {
  const subscription = await registration.pushManager.getSubscription();
  if (!subscription) return null;
  const known = await api("GET", `subscriptions?endpoint=${encodeURIComponent(subscription.endpoint)}`);
  return known.this_device ? subscription : null;
}

async function turnOn(registration) {
  if (await Notification.requestPermission() !== "granted") {
    state.textContent = section.dataset.denied;
    return;
  }
  const { public_key: key } = await api("GET", "key");
  const subscription = await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(key) });
  await api("POST", "subscriptions", subscription.toJSON());
  show(true);
}

async function turnOff(subscription) {
  await api("DELETE", "subscriptions", { endpoint: subscription.endpoint });
  await subscription.unsubscribe();
  show(false);
}

async function start() {
  if (!section || !("serviceWorker" in navigator) || !("PushManager" in window) || !("Notification" in window)) {
    document.getElementById("push-unsupported").hidden = false;
    return;
  }
  const registration = await navigator.serviceWorker.ready;
  show(Boolean(await current(registration)));
  toggle.hidden = false;
  toggle.addEventListener("click", async () => {
    toggle.disabled = true;
    try {
      const subscription = await current(registration);
      if (subscription) await turnOff(subscription);
      else await turnOn(registration);
    } catch (error) {
      state.textContent = section.dataset.failed;
    } finally {
      toggle.disabled = false;
    }
  });
}

const everywhere = document.getElementById("push-off-everywhere");
if (everywhere) {
  everywhere.addEventListener("click", async () => {
    await api("DELETE", "subscriptions", {});
    window.location.reload();
  });
}

start();
