import { extractCodeBlocks, inferArtifact } from "@folio/parser";
import { describe, expect, it } from "vitest";
import { collect } from "../../test/streams.js";
import { offlineModel, replyTo } from "./offline.js";

describe("the built-in offline model", () => {
  it("echoes exactly what follows /echo, in chunks of the configured size", async () => {
    const model = offlineModel({ chunkSize: 4, delayMs: 0 });
    const pieces = await collect(
      model.stream([{ role: "user", content: "/echo # Title\n\nbody ✓" }], new AbortController().signal),
    );
    expect(pieces.join("")).toBe("# Title\n\nbody ✓");
    expect(pieces.every((piece) => piece.length <= 4)).toBe(true);
    expect(replyTo("/echo\n```js\nx\n```")).toBe("```js\nx\n```");
  });

  it.each([
    ["Make me a React button", "react-component"],
    ["An HTML landing page please", "html"],
    ["Some CSS for cards", "css"],
    ["Draw an SVG logo", "svg"],
    ["A mermaid diagram of the flow", "mermaid"],
    ["A python script to sum numbers", "python"],
    ["An SQL query for top customers", "sql"],
    ["How do I install it?", "shell"],
    ["A JSON config", "json"],
  ])("answers %j with prose and a %s artifact", (prompt, type) => {
    const answer = replyTo(prompt);
    const blocks = extractCodeBlocks(answer);
    expect(blocks.length).toBeGreaterThan(0);
    expect(blocks.map((block) => inferArtifact(block, { message: answer }).type)).toContain(type);
    expect(answer.replace(/```[\s\S]*?```/g, "").trim().length).toBeGreaterThan(20);
    expect(replyTo(prompt)).toBe(answer); // deterministic
  });

  it("stops when cancelled", async () => {
    const model = offlineModel({ chunkSize: 1, delayMs: 1 });
    const controller = new AbortController();
    const pieces: string[] = [];
    for await (const piece of model.stream(
      [{ role: "user", content: "/echo abcdefghij" }],
      controller.signal,
    )) {
      pieces.push(piece);
      if (pieces.length === 3) controller.abort();
    }
    expect(pieces).toEqual(["a", "b", "c"]);
  });
});
