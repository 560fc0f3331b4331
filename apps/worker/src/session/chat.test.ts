import { describe, expect, it } from "vitest";
import { api, connect, newSession } from "../../test/client.js";

const fence = "```";
const answer = `Here is the counter:\n\n${fence}tsx title="Counter.tsx"\nexport default function Counter() {\n  return <button>0</button>;\n}\n${fence}\n\nAnd the styles:\n\n${fence}css\nbutton { color: red; }\n${fence}\n`;

describe("chat with the offline model", () => {
  it("streams an /echo answer and saves each code block as an artifact as it closes", async () => {
    const sessionId = await newSession();
    const socket = await connect(sessionId);
    socket.send({ type: "chat", content: `/echo ${answer}`, requestId: "r1" });

    const user = await socket.next("message");
    expect(user).toMatchObject({ requestId: "r1", message: { role: "user", content: `/echo ${answer}` } });
    const start = await socket.next("message_start");
    expect(start.message).toMatchObject({ role: "assistant", content: "", status: "streaming" });
    const done = await socket.next("message_done");

    const deltas = socket.frames.flatMap((frame) => (frame.type === "message_delta" ? [frame.delta] : []));
    expect(deltas.join("")).toBe(answer);
    expect(deltas.length).toBeGreaterThan(1);
    expect(done.message).toMatchObject({ id: start.message.id, content: answer, status: "complete" });
    expect(done.artifacts.map(({ title, type, language }) => ({ title, type, language }))).toEqual([
      { title: "Counter.tsx", type: "react-component", language: "tsx" },
      { title: "CSS snippet 2", type: "css", language: "css" },
    ]);
    // Each artifact was announced, already saved, before the answer finished.
    const created = socket.frames.filter((frame) => frame.type === "artifact_created");
    expect(created).toHaveLength(2);
    expect(socket.frames.indexOf(created[1] as never)).toBeLessThan(socket.frames.indexOf(done));

    const stored = await (await api(`/api/sessions/${sessionId}/artifacts`)).json();
    expect(stored).toEqual({ artifacts: done.artifacts });
    const messages = (await (await api(`/api/sessions/${sessionId}/messages`)).json()) as {
      messages: unknown[];
    };
    expect(messages.messages).toEqual([user.message, done.message]);
    socket.close();
  });
});
