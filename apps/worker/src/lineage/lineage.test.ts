import type { Artifact, ArtifactVersion } from "@folio/protocol";
import { describe, expect, it } from "vitest";
import { api, connect, newSession, postJson } from "../../test/client.js";

const fence = "```";
const block = (info: string, code: string) => `${fence}${info}\n${code}${fence}\n`;

/** One conversation: each answer is imported in turn, as an app outside would. */
async function conversation() {
  const sessionId = await newSession();
  return {
    sessionId,
    async answer(text: string): Promise<{ message: { id: string }; artifacts: Artifact[] }> {
      const response = await postJson(`/api/sessions/${sessionId}/messages`, {
        role: "assistant",
        content: text,
      });
      expect(response.status).toBe(201);
      return response.json();
    },
    async artifacts(): Promise<Artifact[]> {
      return ((await (await api(`/api/sessions/${sessionId}/artifacts`)).json()) as { artifacts: Artifact[] })
        .artifacts;
    },
    async versions(artifactId: string): Promise<ArtifactVersion[]> {
      const response = await api(`/api/sessions/${sessionId}/artifacts/${artifactId}/versions`);
      return ((await response.json()) as { versions: ArtifactVersion[] }).versions;
    },
  };
}

const COUNTER = `import { useState } from "react";

export default function Counter() {
  const [count, setCount] = useState(0);
  return (
    <button className="counter" onClick={() => setCount(count + 1)}>
      Clicked {count} times
    </button>
  );
}
`;

const FETCH_USERS = `import requests

def fetch_users(base_url):
    response = requests.get(f"{base_url}/users", timeout=10)
    response.raise_for_status()
    users = response.json()
    return [user["name"] for user in users]

if __name__ == "__main__":
    print(fetch_users("https://api.example.com"))
`;

describe("lineage: a later answer's version of an artifact becomes its next version", () => {
  it("follows a file by its name over several turns: make it blue, add dark mode, undo that", async () => {
    const chat = await conversation();
    const first = await chat.answer(`Here is a counter:\n\n${block("tsx Counter.tsx", COUNTER)}`);
    const [counter] = first.artifacts as [Artifact];
    const blue = COUNTER.replace('className="counter"', 'className="counter" style={{ color: "blue" }}');
    const second = await chat.answer(`Now it is blue:\n\n${block("tsx Counter.tsx", blue)}`);
    expect(second.artifacts.map((a) => [a.id, a.version])).toEqual([[counter.id, 2]]);
    const dark = `${blue}\nexport const darkMode = true;\n`;
    const third = await chat.answer(`With dark mode:\n\n${block('tsx title="counter.tsx"', dark)}`);
    expect(third.artifacts.map((a) => [a.id, a.version])).toEqual([[counter.id, 3]]);
    await chat.answer(`Undone:\n\n${block("tsx Counter.tsx", blue)}`);

    expect((await chat.artifacts()).map((a) => a.id)).toEqual([counter.id]);
    const versions = await chat.versions(counter.id);
    expect(versions.map((v) => [v.version, v.source, v.messageId, v.content])).toEqual([
      [1, "import", null, COUNTER],
      [2, "model", second.message.id, blue],
      [3, "model", third.message.id, dark],
      [4, "model", expect.any(String), blue],
    ]);
    expect(versions.at(-1)?.description).toBe("Undone:");
    // Its title is the one the latest answer gave it.
    expect(versions.at(-2)?.title).toBe("counter.tsx");
  });

  it("follows an unnamed block by its likeness to a recent artifact of the same language, keeping its title", async () => {
    const chat = await conversation();
    const [script] = (await chat.answer(block("python", FETCH_USERS))).artifacts as [Artifact];
    await api(`/api/sessions/${chat.sessionId}/artifacts/${script.id}`, {
      method: "PATCH",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ title: "users.py" }),
    });
    const retried = FETCH_USERS.replace("timeout=10", "timeout=30").replace(
      "raise_for_status()",
      "raise_for_status()  # fail loudly",
    );
    const second = await chat.answer(`With a longer timeout:\n\n${block("python", retried)}`);
    expect(second.artifacts.map((a) => [a.id, a.title, a.version])).toEqual([[script.id, "users.py", 3]]);
    expect((await chat.artifacts()).map((a) => a.content)).toEqual([retried]);
  });

  it("does not merge two files of one language in one answer, nor both into one earlier artifact", async () => {
    const chat = await conversation();
    const first = await chat.answer(block("python", FETCH_USERS));
    const [script] = first.artifacts as [Artifact];
    const variant = FETCH_USERS.replace("timeout=10", "timeout=5");
    const second = await chat.answer(
      `Two versions to compare:\n\n${block("python", variant)}\nand\n\n${block("python", FETCH_USERS.replace("users", "people"))}`,
    );
    const [a, b] = second.artifacts as [Artifact, Artifact];
    expect(a.id).toBe(script.id);
    expect(b.id).not.toBe(script.id);
    expect(b.version).toBe(1);
    // Within one answer, two named files of one language are two artifacts.
    const third = await chat.answer(
      `${block("js a.js", "export const a = 1;\n")}${block("js b.js", "export const a = 1;\n")}`,
    );
    expect(new Set(third.artifacts.map((artifact) => artifact.id)).size).toBe(2);
    expect(await chat.artifacts()).toHaveLength(4);
  });

  it("keeps a new file that merely resembles an old one, another language, and one-liners apart", async () => {
    const chat = await conversation();
    const css = ".button {\n  color: white;\n  background: navy;\n  padding: 4px 8px;\n}\n";
    await chat.answer(
      `${block("css button.css", css)}${block("sh", "npm install\n")}${block("python", FETCH_USERS)}`,
    );
    const second = await chat.answer(
      [
        // A file named otherwise, however alike.
        block("css card.css", css.replace(".button", ".card")),
        // A one-liner is never a revision.
        block("sh", "npm install react\n"),
        // The same lines in another language are another artifact.
        block("ruby", FETCH_USERS),
        // Unlike anything before.
        block("python", "import math\n\nprint(math.pi)\nprint(math.e)\n"),
      ].join("\n"),
    );
    expect(second.artifacts.map((artifact) => artifact.version)).toEqual([1, 1, 1, 1]);
    expect(await chat.artifacts()).toHaveLength(7);
  });

  it("makes no version of a block that changes nothing", async () => {
    const chat = await conversation();
    const [counter] = (await chat.answer(block("tsx Counter.tsx", COUNTER))).artifacts as [Artifact];
    const again = await chat.answer(block("tsx Counter.tsx", COUNTER));
    expect(again.artifacts.map((a) => [a.id, a.version])).toEqual([[counter.id, 1]]);
  });

  it("streams a revision as artifact_updated naming its block, and search finds the new version", async () => {
    const sessionId = await newSession();
    const socket = await connect(sessionId);
    socket.send({ type: "chat", content: `/echo ${block("tsx Counter.tsx", COUNTER)}` });
    const first = await socket.next("message_done");
    const [counter] = first.artifacts as [Artifact];
    const after = socket.frames.length;
    const renamed = COUNTER.replaceAll("Clicked", "Tapped");
    socket.send({ type: "chat", content: `/echo Tapping now:\n\n${block("tsx Counter.tsx", renamed)}` });
    const done = await socket.next("message_done", () => true, after);
    const updated = await socket.next("artifact_updated", () => true, after);
    expect(updated).toMatchObject({
      messageId: done.message.id,
      index: 0,
      artifact: { id: counter.id, version: 2 },
    });
    expect(socket.frames.slice(after).some((frame) => frame.type === "artifact_created")).toBe(false);
    expect(done.artifacts).toEqual([updated.artifact]);
    socket.close();
    const found = (await (await api(`/api/sessions/${sessionId}/artifacts?q=tapped`)).json()) as {
      results: { artifact: Artifact }[];
    };
    expect(found.results.map((result) => result.artifact.id)).toEqual([counter.id]);
  });
});
