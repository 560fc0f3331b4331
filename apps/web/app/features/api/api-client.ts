/**
 * The app's REST calls. The browser's credential is an HttpOnly cookie the page cannot read: a call answered
 * 401 means this browser has no workspace yet (or lost it), so one is created — which sets the cookie — and the
 * call is made again, once.
 */
import { CreateWorkspaceResponse, type ErrorCode, ErrorResponse } from "@folio/protocol";

/** A @folio/protocol schema (what the answer is checked against). */
interface Schema<T> {
  parse(value: unknown): T;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | "unknown",
    message: string,
  ) {
    super(message);
  }
}

let creating: Promise<void> | null = null;

/** Makes this browser a workspace (the cookie comes with the answer); concurrent callers share one. */
function createWorkspace(): Promise<void> {
  creating ??= (async () => {
    const response = await fetch("/api/workspaces", { method: "POST" });
    if (!response.ok) throw await apiError(response);
    CreateWorkspaceResponse.parse(await response.json());
  })().finally(() => {
    creating = null;
  });
  return creating;
}

export async function apiFetch(path: string, init?: RequestInit): Promise<Response> {
  const response = await fetch(path, init);
  if (response.status !== 401) return response;
  await createWorkspace();
  return fetch(path, init);
}

/** A call whose answer is JSON of a schema; any other answer throws an `ApiError`. */
export async function apiJson<T>(
  schema: Schema<T>,
  path: string,
  init?: { method?: string; body?: unknown },
): Promise<T> {
  const response = await apiFetch(path, {
    method: init?.method ?? "GET",
    ...(init?.body === undefined
      ? {}
      : { headers: { "content-type": "application/json" }, body: JSON.stringify(init.body) }),
  });
  if (!response.ok) throw await apiError(response);
  return schema.parse(await response.json());
}

/** A call answered with no body (204). */
export async function apiSend(path: string, method: string): Promise<void> {
  const response = await apiFetch(path, { method });
  if (!response.ok) throw await apiError(response);
}

async function apiError(response: Response): Promise<ApiError> {
  const body = ErrorResponse.safeParse(await response.json().catch(() => null));
  return body.success
    ? new ApiError(response.status, body.data.error.code, body.data.error.message)
    : new ApiError(response.status, "unknown", `the server answered ${response.status}`);
}
