/** JSON responses of the REST API, errors included, in the contract's `{"error":{"code","message"}}` shape. */
import type { ErrorCode, ErrorResponse, ProtocolError, Validated } from "@folio/protocol";

const STATUS: Record<ErrorCode, number> = {
  invalid_message: 400,
  unauthorized: 401,
  signed_out: 401,
  forbidden: 403,
  not_found: 404,
  too_large: 413,
  busy: 409,
  conflict: 409,
  rate_limited: 429,
  internal: 500,
};

/**
 * Every API answer is data, never a page: nothing may sniff, frame or render it, and it is not to be stored.
 * (The app's own pages get their headers from the static assets' `_headers`.)
 */
export const API_HEADERS = {
  "cache-control": "no-store",
  "content-security-policy": "default-src 'none'; frame-ancestors 'none'",
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "referrer-policy": "no-referrer",
  "cross-origin-resource-policy": "same-origin",
};

export function json(body: unknown, status = 200): Response {
  return jsonText(JSON.stringify(body), status);
}

/** A body already serialised as JSON. */
export function jsonText(text: string, status = 200): Response {
  return new Response(text, {
    status,
    headers: { "content-type": "application/json; charset=utf-8", ...API_HEADERS },
  });
}

export function noContent(): Response {
  return new Response(null, { status: 204, headers: API_HEADERS });
}

export function errorResponse(code: ErrorCode, message: string, status = STATUS[code]): Response {
  const body: ErrorResponse = { error: { code, message } };
  const response = json(body, status);
  if (code === "rate_limited") response.headers.set("retry-after", String(retryAfter(message)));
  if (STATUS[code] === 401) response.headers.set("www-authenticate", 'Bearer realm="folio"');
  return response;
}

export function protocolErrorResponse(
  { code, message, currentVersion }: ProtocolError,
  status = STATUS[code],
): Response {
  if (currentVersion === undefined) return errorResponse(code, message, status);
  const body: ErrorResponse = { error: { code, message, currentVersion } };
  return json(body, status);
}

/** The answer to an operation's result: its value as JSON (shaped by `body`), or its error. */
export function resultResponse<T>(result: Validated<T>, body: (value: T) => unknown, status = 200): Response {
  return result.ok ? json(body(result.value), status) : protocolErrorResponse(result.error);
}

/** Rate-limit messages say "retry in N s"; the header carries the same N. */
function retryAfter(message: string): number {
  return Number(/retry in (\d+) s/.exec(message)?.[1] ?? 1);
}
