/** Helpers for tests about a workspace's index: waiting for sessions' outboxes, and reading both sides. */
import { env } from "cloudflare:workers";
import type { Artifact } from "@folio/protocol";
import { apiAs } from "./client.js";

/** Resolves once the session's workspace has heard every change (its outbox is empty). */
export async function settled(sessionId: string): Promise<void> {
  const session = env.SESSION.getByName(sessionId);
  for (let round = 0; (await session.pendingReports()) > 0; round++) {
    if (round > 2000) throw new Error("the outbox never drained");
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

export async function library(
  token: string,
  query = "",
): Promise<{ artifacts: Artifact[]; nextCursor: string | null }> {
  const response = await apiAs(token, `/api/artifacts${query}`);
  if (response.status !== 200) throw new Error(`library: ${response.status} ${await response.text()}`);
  return response.json();
}

/** Every artifact of the workspace, page after page. */
export async function wholeLibrary(token: string, query = ""): Promise<Artifact[]> {
  const all: Artifact[] = [];
  let cursor: string | null = null;
  do {
    const separator: string = query === "" ? "?" : "&";
    const page = await library(token, cursor === null ? query : `${query}${separator}cursor=${cursor}`);
    all.push(...page.artifacts);
    cursor = page.nextCursor;
  } while (cursor !== null);
  return all;
}

export async function sessionArtifacts(token: string, sessionId: string): Promise<Artifact[]> {
  const response = await apiAs(token, `/api/sessions/${sessionId}/artifacts`);
  return ((await response.json()) as { artifacts: Artifact[] }).artifacts;
}

export async function importAnswer(token: string, sessionId: string, content: string) {
  const response = await apiAs(token, `/api/sessions/${sessionId}/messages`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ role: "assistant", content }),
  });
  if (response.status !== 201) throw new Error(`import: ${response.status} ${await response.text()}`);
  return (await response.json()) as { artifacts: Artifact[] };
}
