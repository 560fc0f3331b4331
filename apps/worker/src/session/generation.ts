/**
 * One assistant answer being generated: streams the model's text to every socket, extracts code blocks as they
 * close and saves each as an artifact at once, checkpoints the partial answer, and ends it as complete,
 * cancelled or error, never losing what was already shown.
 */
import {
  type CodeBlock,
  type CodeBlockEvent,
  createCodeBlockStream,
  DESCRIPTION_LOOK_BACK,
  inferArtifact,
} from "@folio/parser";
import type { Artifact, Message, ServerFrame } from "@folio/protocol";
import { Lineage, reviseArtifact } from "../lineage/lineage.js";
import { bytesOf, errorText, log, since } from "../observability/log.js";
import type { ChatModel, ModelMessage } from "../providers/model.js";
import { ProviderError } from "../providers/provider-error.js";
import { AnswerText } from "./answer-text.js";
import type { SessionStore } from "./store.js";

const CHECKPOINT_MS = 1000;
/**
 * Saves an answer logs a line each for; the rest are counted in its `answer.done` line, so an answer of 75,000
 * tiny blocks does not write 75,000 lines.
 */
const LOGGED_SAVES = 100;
/** How long the model may go without sending text before the answer fails, unless told otherwise. */
export const DEFAULT_IDLE_TIMEOUT_MS = 120_000;

export interface GenerationOptions {
  store: SessionStore;
  model: ChatModel;
  history: readonly ModelMessage[];
  broadcast: (frame: ServerFrame) => void;
  /**
   * The longest wait for the model's next text: a provider that hangs mid-answer fails it (closed blocks kept)
   * instead of holding the session busy for ever. The Session always gives one (DEFAULT_IDLE_TIMEOUT_MS unless
   * configured); without it nothing is watched, as in tests that run an answer inside `runInDurableObject` with
   * timers of their own, which a pending watch kept from firing on time there.
   */
  idleTimeoutMs?: number;
}

export class Generation {
  readonly message: Message;
  private readonly text = new AnswerText();
  /** Where the last closed block ended: the text after it is what may introduce the next one. */
  private previousBlockEnd = 0;
  private readonly artifacts: Artifact[] = [];
  private readonly controller = new AbortController();
  private readonly blocks = createCodeBlockStream();
  private readonly started = Date.now();
  private lastCheckpoint = Date.now();
  /** Blocks open right now, with their code so far, for sockets that join mid-block. */
  private readonly openBlocks = new Map<number, { info: string; lang: string | null; code: string }>();
  private readonly lineage: Lineage;

  constructor(private readonly options: GenerationOptions) {
    this.message = options.store.insertMessage("assistant", "", "streaming");
    this.lineage = new Lineage(options.store, this.message.id);
  }

  /** The answer so far, as a message (for sockets that join mid-answer). */
  snapshot(): Message {
    return { ...this.message, content: this.text.toString() };
  }

  /** What a socket joining now needs to catch up: the answer so far, then each open block with its code so far. */
  joinFrames(): ServerFrame[] {
    const messageId = this.message.id;
    const frames: ServerFrame[] = [{ type: "message_start", message: this.snapshot() }];
    for (const [index, { info, lang, code }] of this.openBlocks) {
      frames.push({ type: "artifact_open", messageId, index, info, lang });
      if (code !== "") frames.push({ type: "artifact_delta", messageId, index, delta: code });
    }
    return frames;
  }

  cancel(): void {
    this.controller.abort();
  }

  async run(): Promise<void> {
    const { model, history, broadcast, idleTimeoutMs } = this.options;
    broadcast({ type: "message_start", message: this.message });
    /** Why the idle timer stopped the model, once it has. */
    let stalled: Error | null = null;
    let lastText = Date.now();
    // One timer, re-armed only when it fires (resetting one at every chunk held back the object's other timers
    // in workerd), and none when no timeout is given.
    let idle: ReturnType<typeof setTimeout> | null = null;
    const watch = (timeout: number, wait: number) => {
      idle = setTimeout(() => {
        const quiet = Date.now() - lastText;
        if (quiet < timeout) return watch(timeout, timeout - quiet);
        stalled = stalledError(model.name, timeout);
        this.controller.abort();
      }, wait);
    };
    try {
      if (idleTimeoutMs !== undefined) watch(idleTimeoutMs, idleTimeoutMs);
      for await (const text of model.stream(history, this.controller.signal)) {
        if (this.controller.signal.aborted) break;
        lastText = Date.now();
        this.text.append(text);
        broadcast({ type: "message_delta", messageId: this.message.id, delta: text });
        this.handle(this.blocks.write(text));
        this.checkpointIfDue();
      }
      if (stalled) throw stalled;
      clearTimeout(idle);
      this.handle(this.blocks.end());
      this.finish(this.controller.signal.aborted ? "cancelled" : "complete");
    } catch (thrown) {
      clearTimeout(idle);
      // A stream cut short by the idle timer may throw its abort: the timer's reason is the one to tell.
      const error = stalled ?? thrown;
      this.handle(this.blocks.end());
      this.finish("error");
      // Clients hear which provider failed and how, in a few words; the detail (the provider's own words) is for
      // the log only.
      log({
        event: "answer.failed",
        session: this.options.store.sessionId,
        message: this.message.id,
        type: this.options.model.name,
        error: errorText(error),
        ms: since(this.started),
      });
      broadcast({ type: "error", code: "internal", message: `the model failed: ${summarise(error)}` });
    }
  }

  private handle(events: CodeBlockEvent[]): void {
    const { broadcast } = this.options;
    const messageId = this.message.id;
    for (const event of events) {
      if (event.type === "open") {
        this.openBlocks.set(event.index, { info: event.info, lang: event.lang, code: "" });
        broadcast({
          type: "artifact_open",
          messageId,
          index: event.index,
          info: event.info,
          lang: event.lang,
        });
      } else if (event.type === "delta") {
        const open = this.openBlocks.get(event.index);
        if (open) open.code += event.text;
        broadcast({ type: "artifact_delta", messageId, index: event.index, delta: event.text });
      } else {
        this.openBlocks.delete(event.index);
        const { artifact, revised } = this.save(event.block);
        broadcast(
          revised
            ? { type: "artifact_updated", artifact, messageId, index: event.index }
            : { type: "artifact_created", artifact },
        );
      }
    }
  }

  /**
   * Saves a closed block at once. Only the text since the previous block is read to describe it, and the answer
   * is checkpointed with it only when a checkpoint is due, so an answer of many blocks costs linear time: writing
   * the whole answer at every close made a megabyte of tiny blocks quadratic. A block that revises an artifact of
   * an earlier answer (lineage.ts) becomes its next version.
   */
  private save(block: CodeBlock): { artifact: Artifact; revised: boolean } {
    const textBefore = this.text.slice(
      Math.max(this.previousBlockEnd, block.start - DESCRIPTION_LOOK_BACK),
      block.start,
    );
    const inferred = inferArtifact(block, { textBefore });
    this.previousBlockEnd = block.end;
    const { store } = this.options;
    const start = Date.now();
    const saved = store.transaction(() => {
      this.checkpointIfDue();
      const fields = { messageId: this.message.id, content: block.code, ...inferred };
      const revises = this.lineage.revises(fields);
      const revised = revises === null ? null : reviseArtifact(store, revises, fields, this.message.id);
      return revised
        ? { artifact: revised, revised: true }
        : { artifact: store.insertArtifact(fields), revised: false };
    });
    this.artifacts.push(saved.artifact);
    if (this.artifacts.length > LOGGED_SAVES) return saved;
    const { id, title, type, version } = saved.artifact;
    log({
      event: saved.revised ? "artifact.revised" : "artifact.created",
      session: store.sessionId,
      message: this.message.id,
      artifact: id,
      title,
      type,
      version,
      bytes: bytesOf(block.code),
      ms: since(start),
    });
    return saved;
  }

  private checkpointIfDue(): void {
    if (Date.now() - this.lastCheckpoint < CHECKPOINT_MS) return;
    this.options.store.updateMessage(this.message.id, this.text.toString(), "streaming");
    this.lastCheckpoint = Date.now();
  }

  private finish(status: "complete" | "cancelled" | "error"): void {
    const content = this.text.toString();
    const message = this.options.store.updateMessage(this.message.id, content, status);
    log({
      event: "answer.done",
      session: this.options.store.sessionId,
      message: message.id,
      status,
      count: this.artifacts.length,
      bytes: bytesOf(content),
      ms: since(this.started),
    });
    this.options.broadcast({ type: "message_done", message, artifacts: this.artifacts });
  }
}

function stalledError(model: string, ms: number): ProviderError {
  const wait = ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`;
  return new ProviderError(`${model}: no text for ${wait} mid-answer`, `${model} sent nothing for ${wait}`);
}

function summarise(error: unknown): string {
  return error instanceof ProviderError ? error.summary : "an unexpected error";
}
