import { describe, expect, it } from "vitest";
import type { Env } from "../env.js";
import { selectModel } from "./select.js";
import type { AiBinding } from "./workers-ai.js";

const base = {} as Env;
const ai: AiBinding = { run: async () => new ReadableStream() };

describe("selectModel", () => {
  it("uses the offline model when nothing else is configured", () => {
    expect(selectModel(base).name).toBe("offline");
  });

  it("picks OpenAI-compatible when its base URL is set, else Workers AI when bound", () => {
    expect(
      selectModel({ ...base, OPENAI_BASE_URL: "http://127.0.0.1:11434/v1", OPENAI_MODEL: "llama3.1" }).name,
    ).toBe("openai:llama3.1");
    expect(selectModel({ ...base, AI: ai }).name).toBe("workers-ai:@cf/meta/llama-3.3-70b-instruct-fp8-fast");
    expect(selectModel({ ...base, AI: ai, AI_MODEL: "@cf/qwen/qwen2.5-coder-32b-instruct" }).name).toBe(
      "workers-ai:@cf/qwen/qwen2.5-coder-32b-instruct",
    );
  });

  it("obeys AI_PROVIDER, and says what to set when the chosen provider is not configured", () => {
    expect(selectModel({ ...base, AI: ai, AI_PROVIDER: "offline" }).name).toBe("offline");
    expect(() => selectModel({ ...base, AI_PROVIDER: "workers-ai" })).toThrow(/no AI binding/);
    expect(() => selectModel({ ...base, AI_PROVIDER: "openai" })).toThrow(/OPENAI_BASE_URL is not set/);
    expect(() => selectModel({ ...base, AI_PROVIDER: "openai", OPENAI_BASE_URL: "http://x/v1" })).toThrow(
      /OPENAI_MODEL is not set/,
    );
    expect(() => selectModel({ ...base, AI_PROVIDER: "gpt" })).toThrow(
      /"gpt" is unknown; use one of offline, workers-ai, openai/,
    );
  });
});
