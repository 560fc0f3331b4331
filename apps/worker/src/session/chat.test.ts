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
    expect(stored).toEqual({ artifacts: done.artifacts, nextCursor: null });
    const messages = (await (await api(`/api/sessions/${sessionId}/messages`)).json()) as {
      messages: unknown[];
    };
    expect(messages.messages).toEqual([user.message, done.message]);
    socket.close();
  });
});

describe("one answer at a time, cancellable, joinable", () => {
  const long = `/echo Intro.\n\n${fence}js\n${"console.log('line');\n".repeat(60)}${fence}\n\nThe end.`;

  it("answers a second chat while one is streaming with busy, and stores nothing for it", async () => {
    const sessionId = await newSession();
    const socket = await connect(sessionId);
    socket.send({ type: "chat", content: long, requestId: "first" });
    await socket.next("message_start");
    socket.send({ type: "chat", content: "/echo second", requestId: "second" });
    expect(await socket.next("error", (frame) => frame.requestId === "second")).toMatchObject({
      code: "busy",
    });
    await socket.next("message_done");
    const { messages } = (await (await api(`/api/sessions/${sessionId}/messages`)).json()) as {
      messages: { content: string }[];
    };
    expect(messages.map((message) => message.content.slice(0, 12))).toEqual([
      "/echo Intro.",
      "Intro.\n\n```j",
    ]);
    // Once finished, the session takes the next question.
    socket.send({ type: "chat", content: "/echo again", requestId: "third" });
    expect(
      (await socket.next("message_done", (frame) => frame.message.content === "again")).message.status,
    ).toBe("complete");
    socket.close();
  });

  it("cancels: keeps the partial answer and saves the unfinished block, marked not closed", async () => {
    const sessionId = await newSession();
    const socket = await connect(sessionId);
    socket.send({ type: "chat", content: long });
    const start = await socket.next("message_start");
    await socket.next("artifact_delta");
    socket.send({ type: "cancel", messageId: start.message.id, requestId: "stop" });
    const done = await socket.next("message_done");
    expect(done.message.status).toBe("cancelled");
    expect(long.slice("/echo ".length).startsWith(done.message.content)).toBe(true);
    expect(done.message.content.length).toBeLessThan(long.length - "/echo ".length);
    expect(done.artifacts).toHaveLength(1);
    expect(done.artifacts[0]?.metadata).toMatchObject({ closed: false });
    // The unfinished last line counts as a line of the block, as CommonMark reads a document that ends there.
    expect(`${done.message.content}\n`).toContain(done.artifacts[0]?.content);

    const stored = await (await api(`/api/sessions/${sessionId}/messages`)).json();
    expect(stored).toMatchObject({
      messages: [{ role: "user" }, { id: start.message.id, status: "cancelled" }],
    });
    socket.close();
  });

  it("lets a socket join mid-answer: it gets the answer so far, then the live deltas", async () => {
    const sessionId = await newSession();
    const first = await connect(sessionId);
    first.send({ type: "chat", content: long });
    const start = await first.next("message_start");
    await first.next("message_delta", () => first.frames.length > 20);

    const late = await connect(sessionId);
    const joined = await late.next("message_start");
    expect(joined.message).toMatchObject({ id: start.message.id, status: "streaming" });
    expect(joined.message.content.length).toBeGreaterThan(0);
    const done = await late.next("message_done");
    const later = late.frames.flatMap((frame) => (frame.type === "message_delta" ? [frame.delta] : []));
    expect(joined.message.content + later.join("")).toBe(done.message.content);
    expect(done.message.content).toBe(long.slice("/echo ".length));
    first.close();
    late.close();
  });

  it("gives a socket that joins mid-block that block's card: artifact_open with the code so far, then its deltas", async () => {
    const sessionId = await newSession();
    const first = await connect(sessionId);
    first.send({ type: "chat", content: long });
    await first.next(
      "artifact_delta",
      () => first.frames.filter((frame) => frame.type === "artifact_delta").length > 5,
    );

    const late = await connect(sessionId);
    const open = await late.next("artifact_open");
    expect(open).toMatchObject({ index: 0, lang: "js", info: "js" });
    const created = await late.next("artifact_created");
    const code = late.frames.flatMap((frame) =>
      frame.type === "artifact_delta" && frame.index === 0 ? [frame.delta] : [],
    );
    // The first delta carries everything before the join, so the card ends up with the whole block.
    expect(code.length).toBeGreaterThan(1);
    expect(code[0]?.startsWith("console.log('line');\n")).toBe(true);
    expect(code.join("")).toBe(created.artifact.content);
    first.close();
    late.close();
  });

  it("lists an answer mid-stream as it stands, so the listing plus the following deltas is the answer", async () => {
    const sessionId = await newSession();
    const socket = await connect(sessionId);
    socket.send({ type: "chat", content: long });
    await socket.next("message_start");
    await socket.next("message_delta", () => socket.frames.length > 20);

    socket.send({ type: "get_messages", requestId: "resync" });
    const listing = await socket.next("messages");
    const answer = listing.messages.find((message) => message.role === "assistant");
    expect(answer?.status).toBe("streaming");
    const at = socket.frames.indexOf(listing);
    const done = await socket.next("message_done");
    const later = socket.frames
      .slice(at + 1)
      .flatMap((frame) => (frame.type === "message_delta" ? [frame.delta] : []));
    expect((answer?.content ?? "") + later.join("")).toBe(done.message.content);
    socket.close();
  });
});
