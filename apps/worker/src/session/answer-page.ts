/**
 * What a stored answer is answered with: its message, the first page of its blocks' artifacts in the blocks'
 * order, how many there are, and the cursor of the rest. A page, never the whole: an answer of 131,072 empty
 * blocks answered whole was 39 MB, past the 32 MiB an RPC value may hold.
 */
import { type Artifact, DEFAULT_PAGE, type ImportMessageResponse, type Message } from "@folio/protocol";
import { encodeCursor } from "../paging/cursor.js";
import { PAGE_CONTENT_CHARS } from "../paging/page.js";
import type { SessionStore } from "./store.js";

export function answerPage(
  store: SessionStore,
  message: Message,
  saved: readonly { artifact: Artifact; revised: boolean }[],
): ImportMessageResponse {
  const artifacts: Artifact[] = [];
  let chars = 0;
  let created = 0;
  let lastCreated: Artifact | null = null;
  for (const { artifact, revised } of saved) {
    if (artifacts.length === DEFAULT_PAGE) break;
    if (artifacts.length > 0 && chars + artifact.content.length > PAGE_CONTENT_CHARS) break;
    artifacts.push(artifact);
    chars += artifact.content.length;
    if (!revised) {
      created++;
      lastCreated = artifact;
    }
  }
  const createdInAll = saved.filter(({ revised }) => !revised).length;
  return {
    message,
    artifacts,
    artifactCount: saved.length,
    nextCursor: rest(store, created, createdInAll, lastCreated),
  };
}

/**
 * The cursor of `GET …/artifacts?messageId=` after the last artifact the page holds of those the answer created
 * (listed oldest first, which for one answer is the blocks' order), or from the start when it holds none of them;
 * null when the page holds them all. (An answer revising more than a page of artifacts shows the rest of its
 * revisions in each one's versions.)
 */
function rest(store: SessionStore, inPage: number, inAll: number, last: Artifact | null): string | null {
  if (inPage === inAll) return null;
  if (last === null) return encodeCursor([0, "0"]);
  return encodeCursor([last.createdAt, String(store.artifacts.rowOf(last.id))]);
}
