/**
 * The app's REST calls. The browser's credential is an HttpOnly cookie the page cannot read, so a 401 says which
 * it is: `unauthorized` is a browser with no cookie, `signed_out` one whose cookie opens nothing. Only a browser
 * that never had a workspace gets one made (which sets the cookie) and its call made again; every tab of a first
 * visit asks under one Web Lock, so they all end in one workspace. A browser that had one is told it is signed
 * out (sign-in-state.ts), and keeps its cookie, rather than swap the person's library for an empty one.
 */
import { CreateWorkspaceResponse, type ErrorCode, ErrorResponse } from "@folio/protocol";
import { markSignedOut, noteSignedIn, wasSignedIn } from "../sign-in/sign-in-state";

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

const WORKSPACE_LOCK = "folio.workspace";

/** Makes this browser a workspace; the cookie comes with the answer. */
export async function createWorkspace(): Promise<void> {
  const response = await fetch("/api/workspaces", { method: "POST" });
  if (!response.ok) throw await apiError(response);
  CreateWorkspaceResponse.parse(await response.json());
  noteSignedIn();
}

export async function apiFetch(path: string, init?: RequestInit): Promise<Response> {
  const response = await fetch(path, init);
  if (response.status !== 401) return signedIn(response);
  if ((await codeOf(response)) === "signed_out") return signedOut(response);
  return inTurn(async () => {
    // Another tab may have made the workspace meanwhile: its cookie is this tab's too.
    const again = await fetch(path, init);
    if (again.status !== 401) return signedIn(again);
    if (wasSignedIn() || (await codeOf(again)) === "signed_out") return signedOut(again);
    await createWorkspace();
    return fetch(path, init);
  });
}

/** One tab at a time, where the browser can say (Web Locks); otherwise this tab alone. */
function inTurn<T>(work: () => Promise<T>): Promise<T> {
  return navigator.locks ? navigator.locks.request(WORKSPACE_LOCK, work) : work();
}

function signedIn(response: Response): Response {
  noteSignedIn();
  return response;
}

function signedOut(response: Response): Response {
  markSignedOut();
  return response;
}

async function codeOf(response: Response): Promise<ErrorCode | null> {
  const body = ErrorResponse.safeParse(
    await response
      .clone()
      .json()
      .catch(() => null),
  );
  return body.success ? body.data.error.code : null;
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
