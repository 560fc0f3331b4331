import type { Artifact } from "@folio/protocol";
import { describe, expect, it } from "vitest";
import { api, newSession, postJson } from "../../test/client.js";

const fence = "```";

describe("names from an answer are names, not an object's built-in properties", () => {
  it("stores blocks whose language is constructor, __proto__ or toString, each with that language", async () => {
    const sessionId = await newSession();
    const content = ["constructor", "__proto__", "toString"]
      .map((name) => `${fence}${name} title="a.${name}" ${name}=x\nx = 1\n${fence}\n`)
      .join("\n");
    const response = await postJson(`/api/sessions/${sessionId}/messages`, { role: "assistant", content });
    expect(response.status, await response.clone().text()).toBe(201);
    const { artifacts } = (await (await api(`/api/sessions/${sessionId}/artifacts`)).json()) as {
      artifacts: Artifact[];
    };
    expect(artifacts.map(({ title, type, language }) => [title, type, language])).toEqual([
      ["a.constructor", "code", "constructor"],
      ["a.__proto__", "code", "__proto__"],
      ["a.toString", "code", "tostring"],
    ]);
    expect(artifacts[1]?.metadata.attributes).toEqual({ title: "a.__proto__", ["__proto__"]: "x" });
  });
});
