/**
 * An assistant answer written elsewhere (an imported message, a transcript's answer), stored with an artifact per
 * code block: a block that revises an artifact of an earlier answer becomes its next version (lineage.ts), the
 * rest are new. The caller holds the transaction.
 */
import { extractCodeBlocks, inferArtifact } from "@folio/parser";
import type { Artifact, Message } from "@folio/protocol";
import { Lineage, reviseArtifact } from "../lineage/lineage.js";
import type { SessionStore } from "./store.js";

export interface StoredAnswer {
  message: Message;
  /** Every block's artifact, in the blocks' order, and whether it revised an earlier one. */
  saved: { artifact: Artifact; revised: boolean }[];
}

export function storeAnswer(store: SessionStore, content: string, createdAt?: number): StoredAnswer {
  const message = store.messages.insert("assistant", content, "complete", createdAt);
  const blocks = extractCodeBlocks(content).map((block) => ({
    messageId: message.id,
    content: block.code,
    ...inferArtifact(block, { message: content }),
  }));
  const lineage = new Lineage(store, message.id);
  const revisions = blocks.map((block) => {
    const revises = lineage.revises(block);
    return revises === null ? null : reviseArtifact(store, revises, block, message.id);
  });
  // New ones go in batches; the answer lists them all in the blocks' order.
  const created = store.artifacts.insertMany(blocks.filter((_, i) => revisions[i] === null)).values();
  const saved = revisions.map((revised) =>
    revised
      ? { artifact: revised, revised: true }
      : { artifact: created.next().value as Artifact, revised: false },
  );
  return { message, saved };
}
