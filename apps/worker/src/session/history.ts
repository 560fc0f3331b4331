/** The conversation a model is shown: the system prompt, then the newest messages that fit a character budget. */
import type { Message } from "@folio/protocol";
import type { ModelMessage } from "../providers/model.js";

/** About 12,000 tokens of history: room for the answer in every provider's context window. */
export const HISTORY_BUDGET_CHARS = 48_000;

export function modelHistory(
  newestFirst: Iterable<Message>,
  systemPrompt: string,
  budget = HISTORY_BUDGET_CHARS,
): ModelMessage[] {
  const history: ModelMessage[] = [];
  let used = 0;
  for (const message of newestFirst) {
    // An answer still being written (this one) or that never produced text tells the model nothing.
    if (message.status === "streaming" || message.content === "") continue;
    // The newest message always goes, even over budget: it is the question.
    if (used + message.content.length > budget && history.length > 0) break;
    used += message.content.length;
    history.push({ role: message.role, content: message.content });
  }
  history.push({ role: "system", content: systemPrompt });
  return history.reverse();
}
