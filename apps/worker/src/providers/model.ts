/** What every model provider is: messages in, an async stream of text out, cancellable by an AbortSignal. */
import type { MessageRole } from "@folio/protocol";

export interface ModelMessage {
  role: MessageRole | "system";
  content: string;
}

export interface ChatModel {
  readonly name: string;
  stream(messages: readonly ModelMessage[], signal: AbortSignal): AsyncIterable<string>;
}
