/** JSON responses of the REST API, errors included, in the contract's `{"error":{"code","message"}}` shape. */
import type { ErrorCode, ErrorResponse } from "@folio/protocol";

const STATUS: Record<ErrorCode, number> = {
  invalid_message: 400,
  forbidden: 403,
  not_found: 404,
  too_large: 413,
  busy: 409,
  rate_limited: 429,
  internal: 500,
};

export function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" },
  });
}

export function errorResponse(code: ErrorCode, message: string, status = STATUS[code]): Response {
  const body: ErrorResponse = { error: { code, message } };
  return json(body, status);
}
