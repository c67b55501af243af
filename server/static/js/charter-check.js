/**
 * charter-check.js — the charter's live check while someone types, for any textarea.
 *
 * The server decides every verdict; this module only asks it (debounced) and shows the answer: a verdict
 * announced politely to screen readers, the text mirrored with the passages to look at highlighted, and
 * one entry per finding with its explanation in the page's language, a button that selects the passage in
 * the textarea, and an "apply" button when the finding has a fix (it replaces exactly text[start:end]).
 *
 * Load it once per page: <script src="/static/js/charter-check.js" type="module"></script>. Every
 * <textarea data-charter-check> is attached when the module loads; `attachCharterCheck(textarea)` attaches
 * one added later and returns {check(), detach()}.
 *
 * Data attributes of the textarea:
 *   data-charter-check              presence attaches; a value is the endpoint (default /api/v1/checks)
 *   data-check-networks="x,bluesky" networks to check for (comma or space separated; none: no length rule)
 *   data-check-networks-from="sel"  CSS selector of elements whose values are the networks, read at each
 *                                   check (e.g. "input[name=network]:checked", "#network option:checked");
 *                                   any change on the page that alters the list re-checks
 *   data-check-network-labels="{…}" JSON of network names as the reader reads them (for "only for LinkedIn")
 *   data-check-link="https://…"     the approved link being shared
 *   data-check-suggested="…"        the suggested caption (originality rule)
 *   data-check-hashtags="a,b"       the campaign's required hashtags
 *   data-check-language="fr"        language of the messages (default: <html lang>)
 *   data-check-output="#sel"        where results are shown (default: a <div> inserted after the textarea);
 *                                   the module announces the verdict in its own polite live region, so the
 *                                   container must not be a live region itself (its aria-live is removed)
 *   data-check-charter-form="#sel"  admin editor: also send that form's fields (multipart), the check's own
 *                                   fields being named check-text, check-network, check-link, check-suggested,
 *                                   check-hashtag, check-language; the form's changes re-check too
 *   data-check-debounce="400"       milliseconds of quiet typing before a check
 *
 * Events, dispatched on the textarea (they bubble):
 *   charter-check:result   detail: the server's answer {version, verdict, networks, findings}
 *   charter-check:error    detail: {status, error} (error: the API's {code, message, fields}, if any)
 *   charter-check:fix      detail: {finding}, after a fix was applied (the text is then checked again)
 * Dispatch "charter-check:refresh" on the textarea to check again after changing its data attributes.
 */

const STRINGS = {
  en: {
    verdict: {
      ok: "Nothing to change: this post follows the charter.",
      warn: "You can share, but have a look at the remarks below.",
      review: "A moderator will review this post before it is published.",
      block: "Blocked: change what is marked before sharing.",
    },
    severity: { block: "Blocked", review: "Review", warn: "Warning" },
    count: (n) => (n === 1 ? "1 remark" : `${n} remarks`),
    show: "Show in the text",
    replace: (fix) => `Replace with “${fix}”`,
    add: (fix) => `Add “${fix.trim()}”`,
    remove: "Remove it",
    only: (names) => `Only for ${names}`,
    mirror: "Your text, with the passages to look at highlighted",
    rateLimited: (seconds) => `Many checks in a short time: checking again in ${seconds} s.`,
    signedOut: "Your session has ended: sign in again to check your post.",
    unavailable: "The live check is unavailable right now. Your post is still checked when you submit it.",
    invalid: "The check could not be run:",
  },
  fr: {
    verdict: {
      ok: "Rien à changer : ce texte respecte la charte.",
      warn: "Vous pouvez partager, mais regardez les remarques ci-dessous.",
      review: "Un modérateur relira ce texte avant sa publication.",
      block: "Bloqué : modifiez ce qui est signalé avant de partager.",
    },
    severity: { block: "Bloquant", review: "Relecture", warn: "Attention" },
    count: (n) => (n === 1 ? "1 remarque" : `${n} remarques`),
    show: "Montrer dans le texte",
    replace: (fix) => `Remplacer par « ${fix} »`,
    add: (fix) => `Ajouter « ${fix.trim()} »`,
    remove: "Le retirer",
    only: (names) => `Seulement pour ${names}`,
    mirror: "Votre texte, avec les passages à revoir surlignés",
    rateLimited: (seconds) => `Beaucoup de vérifications en peu de temps : nouvelle vérification dans ${seconds} s.`,
    signedOut: "Votre session a expiré : reconnectez-vous pour vérifier votre texte.",
    unavailable: "La vérification en direct est indisponible pour le moment. Votre texte sera vérifié à l'envoi.",
    invalid: "La vérification n'a pas pu être faite :",
  },
};

const SEVERITY_RANK = { ok: 0, warn: 1, review: 2, block: 3 };
const DEFAULT_ENDPOINT = "/api/v1/checks";

/** Network labels the page gives as JSON ({name: label, …}); the raw names otherwise. */
function parseLabels(json) {
  try {
    const labels = JSON.parse(json || "{}");
    return labels && typeof labels === "object" ? labels : {};
  } catch (error) {
    return {};
  }
}

function list(value) {
  return (value || "").split(/[\s,]+/).filter(Boolean);
}

function csrfToken() {
  const meta = document.querySelector('meta[name="csrf-token"]');
  return meta ? meta.content : "";
}

/** The UTF-16 index (what textarea and JS strings use) of a code-point offset (what the server counts). */
export function utf16Index(text, codePoints) {
  let index = 0;
  for (let count = 0; count < codePoints && index < text.length; count += 1) {
    const code = text.charCodeAt(index);
    const pair = code >= 0xd800 && code <= 0xdbff && index + 1 < text.length;
    index += pair ? 2 : 1;
  }
  return index;
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** The mirror: the checked text with each finding's span marked by its most severe finding. */
function renderMirror(text, findings, strings) {
  const mirror = element("div", "cc-mirror");
  mirror.setAttribute("aria-hidden", "true");
  mirror.title = strings.mirror;
  const spans = findings
    .map((f) => ({ start: utf16Index(text, f.start), end: utf16Index(text, f.end), severity: f.severity }))
    .filter((s) => s.end > s.start);
  const cuts = [...new Set([0, text.length, ...spans.flatMap((s) => [s.start, s.end])])].sort((a, b) => a - b);
  for (let i = 0; i + 1 < cuts.length; i += 1) {
    const [from, to] = [cuts[i], cuts[i + 1]];
    const covering = spans.filter((s) => s.start <= from && s.end >= to);
    const piece = text.slice(from, to);
    if (!covering.length) {
      mirror.append(document.createTextNode(piece));
      continue;
    }
    const worst = covering.reduce((a, b) => (SEVERITY_RANK[b.severity] > SEVERITY_RANK[a.severity] ? b : a));
    mirror.append(element("mark", `cc-mark cc-${worst.severity}`, piece));
  }
  return spans.length ? mirror : null;
}

/** The messages of an API error field, however nested ({"networks": {"0": ["…"]}}). */
function messagesOf(value) {
  if (Array.isArray(value)) return value.flatMap(messagesOf);
  if (value && typeof value === "object") return Object.values(value).flatMap(messagesOf);
  return [String(value)];
}

function fixLabel(finding, strings) {
  if (finding.start === finding.end) return strings.add(finding.fix);
  return finding.fix === "" ? strings.remove : strings.replace(finding.fix);
}

class CharterCheck {
  constructor(textarea) {
    this.textarea = textarea;
    this.endpoint = textarea.dataset.charterCheck || DEFAULT_ENDPOINT;
    this.language = textarea.dataset.checkLanguage || (document.documentElement.lang || "en").slice(0, 2);
    this.strings = STRINGS[this.language] || STRINGS.en;
    this.delay = Number(textarea.dataset.checkDebounce) || 400;
    this.networkLabels = parseLabels(textarea.dataset.checkNetworkLabels);
    this.sequence = 0;
    this.checkedText = null;
    this.lastNetworks = null;
    this.output = this.findOutput();
    this.summary = element("p", "cc-summary");
    this.summary.setAttribute("role", "status");
    this.summary.setAttribute("aria-live", "polite");
    this.details = element("div", "cc-details");
    this.output.classList.add("cc-output");
    this.output.replaceChildren(this.summary, this.details);
    this.listen();
    if (textarea.value.trim()) this.check();
  }

  findOutput() {
    const selector = this.textarea.dataset.checkOutput;
    const found = selector ? document.querySelector(selector) : null;
    if (found) {
      found.removeAttribute("aria-live"); // the summary is the live region: the findings are not read on each keystroke
      return found;
    }
    const created = element("div");
    this.textarea.insertAdjacentElement("afterend", created);
    return created;
  }

  listen() {
    this.onInput = () => {
      this.markStale();
      this.schedule(this.delay);
    };
    this.onRefresh = () => this.schedule(0);
    this.onPageChange = () => {
      if (this.networks().join(",") !== this.lastNetworks) this.schedule(0);
    };
    this.textarea.addEventListener("input", this.onInput);
    this.textarea.addEventListener("charter-check:refresh", this.onRefresh);
    document.addEventListener("change", this.onPageChange);
    this.form = this.textarea.dataset.checkCharterForm
      ? document.querySelector(this.textarea.dataset.checkCharterForm) : null;
    if (this.form) {
      this.onFormInput = () => this.schedule(this.delay * 2);
      this.form.addEventListener("input", this.onFormInput);
    }
  }

  detach() {
    clearTimeout(this.timer);
    if (this.controller) this.controller.abort();
    this.textarea.removeEventListener("input", this.onInput);
    this.textarea.removeEventListener("charter-check:refresh", this.onRefresh);
    document.removeEventListener("change", this.onPageChange);
    if (this.form) this.form.removeEventListener("input", this.onFormInput);
  }

  networks() {
    const from = this.textarea.dataset.checkNetworksFrom;
    if (from) return [...document.querySelectorAll(from)].map((node) => node.value).filter(Boolean);
    return list(this.textarea.dataset.checkNetworks);
  }

  schedule(delay) {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.check(), delay);
  }

  markStale() {
    this.output.classList.add("cc-busy");
    this.details.querySelectorAll("button[data-fix]").forEach((button) => { button.disabled = true; });
  }

  request(text, networks) {
    const data = this.textarea.dataset;
    const fields = {
      text, networks, link: data.checkLink || null, suggested: data.checkSuggested || null,
      hashtags: list(data.checkHashtags), language: this.language,
    };
    const headers = { Accept: "application/json", "X-CSRFToken": csrfToken() };
    if (!this.form) {
      headers["Content-Type"] = "application/json";
      return { headers, body: JSON.stringify(fields) };
    }
    const body = new FormData(this.form);
    body.append("check-text", text);
    networks.forEach((name) => body.append("check-network", name));
    if (fields.link) body.append("check-link", fields.link);
    if (fields.suggested) body.append("check-suggested", fields.suggested);
    fields.hashtags.forEach((tag) => body.append("check-hashtag", tag));
    body.append("check-language", this.language);
    return { headers, body };
  }

  async check() {
    clearTimeout(this.timer);
    const text = this.textarea.value;
    const networks = this.networks();
    this.lastNetworks = networks.join(",");
    if (!text.trim()) {
      this.checkedText = null;
      this.output.classList.remove("cc-busy");
      this.setSummary("", null);
      this.details.replaceChildren();
      return;
    }
    if (this.controller) this.controller.abort();
    this.controller = new AbortController();
    const sequence = ++this.sequence;
    this.output.classList.add("cc-busy");
    let response;
    try {
      const { headers, body } = this.request(text, networks);
      response = await fetch(this.endpoint, {
        method: "POST", headers, body, credentials: "same-origin", signal: this.controller.signal,
      });
    } catch (error) {
      if (error.name !== "AbortError") this.showProblem(0, null);
      return;
    }
    if (sequence !== this.sequence) return; // an answer to older text: a newer check is on its way
    const payload = await response.json().catch(() => null);
    if (sequence !== this.sequence) return;
    if (!response.ok) {
      this.showProblem(response.status, payload && payload.error, response.headers.get("Retry-After"));
      return;
    }
    this.checkedText = text;
    this.show(text, networks, payload);
    this.textarea.dispatchEvent(new CustomEvent("charter-check:result", { bubbles: true, detail: payload }));
  }

  setSummary(message, verdict) {
    // Rewriting an identical sentence would make screen readers repeat it on every pause in typing.
    if (this.summary.textContent !== message) this.summary.textContent = message;
    this.summary.className = verdict ? `cc-summary cc-${verdict}` : "cc-summary";
  }

  show(text, networks, result) {
    this.output.classList.remove("cc-busy");
    const count = result.findings.length;
    const sentence = this.strings.verdict[result.verdict] || result.verdict;
    this.setSummary(count ? `${sentence} (${this.strings.count(count)})` : sentence, result.verdict);
    const items = element("ul", "cc-findings");
    result.findings.forEach((finding) => items.append(this.renderFinding(finding, networks)));
    const mirror = renderMirror(text, result.findings, this.strings);
    this.details.replaceChildren(...[mirror, count ? items : null].filter(Boolean));
  }

  renderFinding(finding, networks) {
    const item = element("li", `cc-finding cc-${finding.severity}`);
    item.append(element("span", "cc-severity", this.strings.severity[finding.severity] || finding.severity));
    const message = finding.message[this.language] || finding.message.en;
    item.append(" ", element("span", "cc-message", message));
    const only = finding.networks || [];
    if (only.length && only.length < networks.length) {
      item.append(" ", element("small", "cc-networks", this.strings.only(only.map((n) => this.networkLabels[n] || n).join(", "))));
    }
    const actions = element("span", "cc-actions");
    if (finding.end > finding.start) {
      const show = element("button", "cc-show outline secondary small", this.strings.show);
      show.type = "button";
      show.addEventListener("click", () => this.select(finding));
      actions.append(show);
    }
    if (finding.fix !== null && finding.fix !== undefined) {
      const fix = element("button", "cc-fix small", fixLabel(finding, this.strings));
      fix.type = "button";
      fix.dataset.fix = "";
      fix.addEventListener("click", () => this.applyFix(finding));
      actions.append(fix);
    }
    if (actions.childNodes.length) item.append(actions);
    return item;
  }

  range(finding) {
    const text = this.textarea.value;
    return [utf16Index(text, finding.start), utf16Index(text, finding.end)];
  }

  select(finding) {
    if (this.textarea.value !== this.checkedText) return;
    const [start, end] = this.range(finding);
    this.textarea.focus();
    this.textarea.setSelectionRange(start, end);
  }

  applyFix(finding) {
    // The offsets belong to the text that was checked; if it changed since, check again rather than guess.
    if (this.textarea.value !== this.checkedText) {
      this.schedule(0);
      return;
    }
    const [start, end] = this.range(finding);
    this.textarea.focus();
    this.textarea.setRangeText(finding.fix, start, end, "end");
    this.textarea.dispatchEvent(new Event("input", { bubbles: true }));
    this.textarea.dispatchEvent(new CustomEvent("charter-check:fix", { bubbles: true, detail: { finding } }));
    this.schedule(0);
  }

  showProblem(status, error, retryAfter) {
    this.output.classList.remove("cc-busy");
    this.details.replaceChildren();
    this.textarea.dispatchEvent(new CustomEvent("charter-check:error", { bubbles: true, detail: { status, error } }));
    if (status === 429) {
      const seconds = Math.max(1, Number(retryAfter) || 10);
      this.setSummary(this.strings.rateLimited(seconds), "warn");
      this.schedule(seconds * 1000);
    } else if (status === 401) {
      this.setSummary(this.strings.signedOut, "warn");
    } else if (error && (status === 400 || status === 409 || status === 422)) {
      this.setSummary(`${this.strings.invalid} ${error.message}`, "warn");
      const fields = Object.entries(error.fields || {});
      if (fields.length) {
        const items = element("ul", "cc-problems");
        fields.forEach(([field, problems]) => items.append(element("li", "", `${field}: ${messagesOf(problems).join(" ")}`)));
        this.details.replaceChildren(items);
      }
    } else {
      this.setSummary(this.strings.unavailable, "warn");
    }
  }
}

const attached = new WeakMap();

/** Attach the live check to a textarea (once); returns {check(), detach()}. */
export function attachCharterCheck(textarea) {
  if (!attached.has(textarea)) {
    const instance = new CharterCheck(textarea);
    attached.set(textarea, { check: () => instance.check(), detach: () => instance.detach() });
  }
  return attached.get(textarea);
}

document.querySelectorAll("textarea[data-charter-check]").forEach(attachCharterCheck);
