/**
 * Lineage: when a later answer holds a block that revises an artifact of the session, the block becomes that
 * artifact's next version instead of a new card. The rule, applied to each block of an answer in order:
 *
 * 1. A block with a title of its own (`metadata.titled`: a file name or title in its info string or a leading
 *    comment, a component's export, a page's title) revises the artifact of an earlier answer with the same title
 *    (ignoring case), the most recently changed one if several; with no such artifact it is new. It is never
 *    matched by likeness: a new file that resembles an old one is a new file.
 * 2. A block without one (titled "JavaScript snippet 2") revises the artifact of an earlier answer, among the
 *    LIKENESS_CANDIDATES most recently changed, of the same language whose lines it shares most, when they share
 *    at least MIN_LIKENESS of them (similarity.ts) and both have MIN_LINES non-empty lines or more (one-liners,
 *    such as commands, are never revisions); ties go to the most recently changed.
 * 3. An artifact is revised at most once per answer, and never by a block of the answer that made it: two files
 *    of one language in one answer stay two artifacts.
 *
 * What an answer needs of the session is read once, on its first block that could match, so an answer of many
 * blocks costs time linear in its blocks.
 */
import type { Artifact } from "@folio/protocol";
import type { SessionStore } from "../session/store.js";
import { type LineProfile, lineProfile, similarity } from "./similarity.js";

export const MIN_LIKENESS = 0.5;
export const MIN_LINES = 3;
export const LIKENESS_CANDIDATES = 50;

/** What lineage reads of a block: its inferred fields and code. */
export interface BlockIdentity {
  title: string;
  language: string | null;
  content: string;
  metadata: Record<string, unknown>;
}

interface Candidate {
  artifact: Artifact;
  profile: LineProfile | null;
}

export class Lineage {
  /** The ids of earlier answers' artifacts by lowercased title (the most recently changed, of several). */
  private byTitle: Map<string, string> | null = null;
  private likely: Candidate[] | null = null;
  private readonly claimed = new Set<string>();

  constructor(
    private readonly store: SessionStore,
    private readonly messageId: string,
  ) {}

  /** The id of the artifact this block revises, or null when it is a new one. */
  revises(block: BlockIdentity): string | null {
    const found = block.metadata.titled === true ? this.sameTitle(block) : this.mostAlike(block);
    if (found === null || this.claimed.has(found)) return null;
    this.claimed.add(found);
    return found;
  }

  private sameTitle(block: BlockIdentity): string | null {
    this.byTitle ??= this.titles();
    return this.byTitle.get(block.title.toLowerCase()) ?? null;
  }

  private mostAlike(block: BlockIdentity): string | null {
    if (block.language === null) return null;
    const profile = lineProfile(block.content);
    if (profile.lines < MIN_LINES) return null;
    this.likely ??= this.store.artifacts
      .recent(this.messageId, LIKENESS_CANDIDATES)
      .map((artifact) => ({ artifact, profile: null }));
    let best: Artifact | null = null;
    let bestLikeness = MIN_LIKENESS;
    for (const candidate of this.likely) {
      if (candidate.artifact.language !== block.language || this.claimed.has(candidate.artifact.id)) continue;
      candidate.profile ??= lineProfile(candidate.artifact.content);
      if (candidate.profile.lines < MIN_LINES) continue;
      const likeness = similarity(profile, candidate.profile);
      // Candidates come most recent first: a tie keeps the more recent.
      if (likeness >= bestLikeness && (best === null || likeness > bestLikeness)) {
        best = candidate.artifact;
        bestLikeness = likeness;
      }
    }
    return best?.id ?? null;
  }

  private titles(): Map<string, string> {
    const map = new Map<string, string>();
    for (const { id, title } of this.store.artifacts.earlierTitles(this.messageId)) {
      const key = title.toLowerCase();
      if (!map.has(key)) map.set(key, id);
    }
    return map;
  }
}

/** A block that revises an artifact, as the new fields of that artifact. */
export interface RevisingBlock extends BlockIdentity {
  type: Artifact["type"];
  description: string | null;
}

/**
 * Makes the block the artifact's next version (source "model", with the answer's message id). A title made up
 * for the block ("JavaScript snippet 2") keeps the artifact's own, and no description keeps its description. A
 * block that changes nothing makes no version. Null when the artifact is gone.
 */
export function reviseArtifact(
  store: SessionStore,
  artifactId: string,
  block: RevisingBlock,
  messageId: string,
): Artifact | null {
  const current = store.artifacts.get(artifactId);
  if (!current) return null;
  const next = {
    title: block.metadata.titled === true ? block.title : current.title,
    description: block.description ?? current.description,
    type: block.type,
    language: block.language ?? current.language,
    content: block.content,
  };
  const changed = (Object.keys(next) as (keyof typeof next)[]).some(
    (field) => next[field] !== current[field],
  );
  if (!changed) return current;
  return store.artifacts.update(
    artifactId,
    { ...next, metadata: block.metadata },
    { source: "model", messageId },
  );
}
