/**
 * api.js — the only place that talks to the company's Porte-Voix server (its JSON API under /api/v1).
 *
 * Every call carries the personal token (`Authorization: Bearer pv_…`) and no cookie. With the server's
 * host permission, granted when the employee connects, the browser lets extension pages and the
 * background call it without CORS. Errors come back as ApiError with a `kind` the views turn into a clear
 * state: "not_connected", "unreachable" (network, timeout, 5xx), "revoked" (401: the token was revoked
 * or the account disabled; the token is forgotten at once), "forbidden" (403, `code` says why, e.g.
 * charter_acknowledgement_required, charter_quiz_required, not_participating), "invalid" (400/409/422,
 * with the server's translated message and `fields`), "rate_limited" (429, `retryAfter` seconds),
 * "not_found" (404).
 */

import { connection, forgetConnection } from "./config.js";

const TIMEOUT_MS = 15_000;

export class ApiError extends Error {
  constructor(kind, { status = 0, code = null, message = "", fields = {}, retryAfter = null, details = {} } = {}) {
    super(message || kind);
    Object.assign(this, { kind, status, code, fields, retryAfter, details });
  }

  /** What crosses extension messaging (an Error's own fields do not). */
  toJSON() {
    const { kind, status, code, message, fields, retryAfter, details } = this;
    return { kind, status, code, message, fields, retryAfter, details };
  }
}

function kindOf(status) {
  if (status === 401) return "revoked";
  if (status === 403) return "forbidden";
  if (status === 404) return "not_found";
  if (status === 429) return "rate_limited";
  if (status >= 500) return "unreachable";
  return "invalid";
}

async function request(target, path, { method = "GET", query, body, headers = {} } = {}) {
  const url = new URL(`/api/v1${path}`, target.server);
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== "") url.searchParams.set(name, String(value));
  }
  let response;
  try {
    response = await fetch(url, {
      method,
      headers: {
        Accept: "application/json",
        Authorization: `Bearer ${target.token}`,
        ...(body === undefined ? {} : { "Content-Type": "application/json" }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: "omit",
      cache: "no-store",
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (error) {
    throw new ApiError("unreachable", { message: error.message });
  }
  const payload = response.status === 204 ? null : await response.json().catch(() => null);
  if (response.ok) return payload;
  const error = payload?.error ?? {};
  const { code, message, fields, ...details } = error;
  throw new ApiError(kindOf(response.status), {
    status: response.status, code: code ?? null, message: message ?? "", fields: fields ?? {}, details,
    retryAfter: Number(response.headers.get("Retry-After")) || null,
  });
}

/** A call with the stored connection; a 401 forgets the token (the popup then says "revoked"). */
async function call(path, options) {
  const target = await connection();
  if (!target) throw new ApiError("not_connected");
  try {
    return await request(target, path, options);
  } catch (error) {
    if (error.kind === "revoked") await forgetConnection("revoked");
    throw error;
  }
}

/** Who owns `token` on `server` (checks a token just received, before it is stored). */
export function whoAmI(server, token) {
  return request({ server, token }, "/me");
}

export const api = {
  me: () => call("/me"),
  charter: () => call("/charter"),
  participation: () => call("/participation"),
  takePart: () => call("/participation", { method: "PUT" }),
  suggestions: ({ contextUrl, contextText, limit = 20 } = {}) =>
    call("/suggestions", { query: { context_url: contextUrl, context_text: contextText, limit } }),
  search: (q, limit = 20) => call("/library", { query: { q, limit } }),
  link: (id) => call(`/library/${id}`),
  idea: (id, turn = 0) => call(`/library/${id}/idea`, { query: { turn } }),
  lookup: (url) => call("/links/lookup", { query: { url } }),
  check: (body) => call("/checks", { method: "POST", body }),
  networks: () => call("/networks"),
  share: (body, idempotencyKey) =>
    call("/shares", { method: "POST", body, headers: { "Idempotency-Key": idempotencyKey } }),
  markOpened: (shareId, network) =>
    call(`/shares/${shareId}/targets/${encodeURIComponent(network)}/opened`, { method: "POST" }),
  propose: (url, note) => call("/proposals", { method: "POST", body: { url, note: note ?? null } }),
  myProposals: () => call("/proposals/mine"),
  disconnect: () => call("/extension/token", { method: "DELETE" }),
};
