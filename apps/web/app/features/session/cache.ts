/** Keeps the query cache of one session current from WebSocket frames: the only writer besides REST. */
import type { Artifact, Message, ServerFrame } from "@folio/protocol";
import type { QueryClient } from "@tanstack/react-query";

/** A code block still streaming: shown as a card before it is saved. */
export interface Draft {
  messageId: string;
  index: number;
  info: string;
  lang: string | null;
  code: string;
}

export const sessionKeys = {
  messages: (sessionId: string) => ["session", sessionId, "messages"] as const,
  artifacts: (sessionId: string) => ["session", sessionId, "artifacts"] as const,
  drafts: (sessionId: string) => ["session", sessionId, "drafts"] as const,
  /** How far the lists have been read (not under "session": a resync cancels those queries). */
  listing: (sessionId: string) => ["listing", sessionId] as const,
  /** What a gallery asks the server for (gallery/gallery-queries.ts): stale whenever an artifact changes. */
  gallery: (sessionId: string) => ["gallery", sessionId] as const,
  galleries: ["gallery"] as const,
};

/** How many messages each page of a listing asks for. */
export const LISTING_PAGE = 500;
/** How many artifacts a page of the gallery asks for as it scrolls; the most a resync asks for at once. */
export const ARTIFACT_PAGE = 100;
export const ARTIFACT_RESYNC_MAX = 500;

/**
 * How far the lists have been read. Messages are read whole, a page after another: `messages` holds the ids a
 * listing in progress has brought (null when none is under way). Artifacts are read newest first, a page at a
 * time as the gallery scrolls: `artifactsNext` is the cursor of the next (older) page, null once all are here,
 * undefined before the first page.
 */
export interface Listing {
  messages: Set<string> | null;
  artifactsNext?: string | null;
}

/**
 * Applies a batch of frames, in order, exactly as applying each alone would, at a cost linear in the batch: each
 * list is copied once and indexed by id, so an answer of 75,000 blocks (as many `artifact_created` frames, then a
 * `message_done` listing them all) is not 75,000 copies of a growing array.
 */
export function applyFrames(client: QueryClient, sessionId: string, frames: readonly ServerFrame[]): void {
  if (frames.length === 0) return;
  const messages = new IdList(() => client.getQueryData<Message[]>(sessionKeys.messages(sessionId)) ?? []);
  const artifacts = new IdList(() => client.getQueryData<Artifact[]>(sessionKeys.artifacts(sessionId)) ?? []);
  const listing: Listing = {
    messages: null,
    ...client.getQueryData<Listing>(sessionKeys.listing(sessionId)),
  };
  let listed = false;
  let artifactsChanged = false;
  let drafts: Draft[] | null = null;
  const draftList = () => drafts ?? client.getQueryData<Draft[]>(sessionKeys.drafts(sessionId)) ?? [];
  const setDrafts = (update: (list: Draft[]) => Draft[]) => {
    drafts = update(draftList());
  };

  for (const frame of frames) {
    switch (frame.type) {
      case "message":
      case "message_start":
        messages.upsert(frame.message);
        break;
      case "message_delta": {
        const message = messages.get(frame.messageId);
        if (message) messages.upsert({ ...message, content: message.content + frame.delta });
        break;
      }
      case "message_done":
        messages.upsert(frame.message);
        for (const artifact of frame.artifacts) artifacts.upsert(artifact);
        setDrafts((list) => list.filter((d) => d.messageId !== frame.message.id));
        break;
      case "artifact_open":
        setDrafts((list) => [
          ...list,
          { messageId: frame.messageId, index: frame.index, info: frame.info, lang: frame.lang, code: "" },
        ]);
        break;
      case "artifact_delta":
        setDrafts((list) =>
          list.map((d) =>
            d.messageId === frame.messageId && d.index === frame.index
              ? { ...d, code: d.code + frame.delta }
              : d,
          ),
        );
        break;
      case "artifact_created":
      case "artifact_updated": {
        const { artifact } = frame;
        artifacts.upsert(artifact);
        artifactsChanged = true;
        // The block's streaming card gives way: the block that made it, or (lineage) that revised it.
        const block =
          frame.type === "artifact_updated" && frame.messageId !== undefined
            ? { messageId: frame.messageId, index: frame.index }
            : { messageId: artifact.messageId, index: artifact.metadata.index };
        const isBlock = (d: Draft) => d.messageId === block.messageId && d.index === block.index;
        setDrafts((list) => (list.some(isBlock) ? list.filter((d) => !isBlock(d)) : list));
        break;
      }
      case "artifact_deleted":
        artifacts.remove(frame.artifactId);
        artifactsChanged = true;
        break;
      case "messages":
        listed = true;
        listing.messages = listingPage(messages, listing.messages, frame);
        if (frame.nextCursor === null) messages.sortBy((message) => Number(message.id));
        break;
      case "artifacts":
        if (frame.messageId !== undefined) break;
        listed = true;
        // The newest page replaces what was here (a resync: what it does not hold was deleted, or is older and
        // will be read again as the gallery scrolls); an older page adds to it.
        if (frame.cursor === undefined)
          artifacts.retain(new Set(frame.artifacts.map((artifact) => artifact.id)));
        for (const artifact of frame.artifacts) artifacts.upsert(artifact);
        listing.artifactsNext = frame.nextCursor;
        // A resync: the gallery's other views may have missed changes too.
        artifactsChanged ||= frame.cursor === undefined;
        break;
      case "error":
        break; // not server state: the session hook shows it (useSession's `problem`)
    }
  }
  if (messages.changed) client.setQueryData(sessionKeys.messages(sessionId), messages.toArray());
  if (artifacts.changed) client.setQueryData(sessionKeys.artifacts(sessionId), artifacts.toArray());
  if (drafts !== null) client.setQueryData(sessionKeys.drafts(sessionId), drafts);
  if (listed) client.setQueryData(sessionKeys.listing(sessionId), listing);
  // A gallery sorted, filtered or searched by the server asks again (only a view on screen does).
  if (artifactsChanged) void client.invalidateQueries({ queryKey: sessionKeys.gallery(sessionId) });
}

/**
 * A page of a full listing (a resync), applied on top of the list: its items replace theirs, and once the last
 * page is in, whatever no page brought is gone (deleted meanwhile). Frames that came between pages stay applied:
 * the server answers in order, so a later page already holds what they changed. Answers what the listing has
 * brought so far, or null when it is complete.
 */
function listingPage<T extends { id: string }>(
  list: IdList<T>,
  seen: Set<string> | null,
  page: { cursor?: string; nextCursor: string | null; messages: T[] },
): Set<string> | null {
  // A first page starts a listing over; a later one without a listing under way only adds what it holds.
  const brought = page.cursor === undefined ? new Set<string>() : seen;
  for (const item of page.messages) {
    list.upsert(item);
    brought?.add(item.id);
  }
  if (page.nextCursor !== null) return brought ?? null;
  if (brought) list.retain(brought);
  return null;
}

/**
 * A list of entities being changed by a batch: copied from the cache on the first change, indexed by id, with
 * removals left as holes until the end, so every change costs the same however long the list.
 */
class IdList<T extends { id: string }> {
  private items: (T | undefined)[] | null = null;
  private readonly at = new Map<string, number>();
  changed = false;

  constructor(private readonly current: () => readonly T[]) {}

  get(id: string): T | undefined {
    const items = this.open();
    const i = this.at.get(id);
    return i === undefined ? undefined : items[i];
  }

  upsert(item: T): void {
    const items = this.open();
    const i = this.at.get(item.id);
    if (i === undefined) {
      this.at.set(item.id, items.length);
      items.push(item);
    } else {
      items[i] = item;
    }
    this.changed = true;
  }

  remove(id: string): void {
    const items = this.open();
    const i = this.at.get(id);
    if (i === undefined) return;
    items[i] = undefined;
    this.at.delete(id);
    this.changed = true;
  }

  /** Keeps only the items of these ids. */
  retain(ids: ReadonlySet<string>): void {
    for (const item of this.open()) if (item !== undefined && !ids.has(item.id)) this.remove(item.id);
  }

  /** Puts the items in order of a key (once a listing is complete: pages may have filled gaps). */
  sortBy(key: (item: T) => number): void {
    const sorted = this.toArray().sort((a, b) => key(a) - key(b));
    this.items = null;
    this.at.clear();
    this.fill(sorted);
    this.changed = true;
  }

  toArray(): T[] {
    return (this.items ?? []).filter((item): item is T => item !== undefined);
  }

  private open(): (T | undefined)[] {
    return this.items ?? this.fill(this.current());
  }

  private fill(list: readonly T[]): (T | undefined)[] {
    const items = list.slice();
    items.forEach((item, i) => {
      this.at.set(item.id, i);
    });
    this.items = items;
    return items;
  }
}
