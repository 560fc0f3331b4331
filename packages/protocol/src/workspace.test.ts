import { describe, expect, it } from "vitest";
import {
  CreateTokenRequest,
  SessionsQuery,
  UpdateSessionRequest,
  validate,
  WorkspaceArtifactsQuery,
  WorkspaceFrame,
} from "./index.js";

describe("workspace query strings: text in, typed values out", () => {
  it("reads numbers from the query string and keeps the rest as text", () => {
    expect(
      validate(WorkspaceArtifactsQuery, {
        type: "python",
        language: "py",
        sessionId: "s1",
        since: "1000",
        until: "2000",
        order: "oldest",
        cursor: "abc",
        limit: "50",
      }),
    ).toEqual({
      ok: true,
      value: {
        type: "python",
        language: "py",
        sessionId: "s1",
        since: 1000,
        until: 2000,
        order: "oldest",
        cursor: "abc",
        limit: 50,
      },
    });
    expect(validate(SessionsQuery, {})).toEqual({ ok: true, value: {} });
  });

  it.each([
    [WorkspaceArtifactsQuery, { type: "banana" }, "invalid_message"],
    [WorkspaceArtifactsQuery, { since: "yesterday" }, "invalid_message"],
    [WorkspaceArtifactsQuery, { order: "random" }, "invalid_message"],
    [WorkspaceArtifactsQuery, { sort: "title" }, "invalid_message"],
    [SessionsQuery, { limit: "0" }, "invalid_message"],
    [SessionsQuery, { limit: "1.5" }, "invalid_message"],
    // A page size past the most is a bad value, not a large body.
    [SessionsQuery, { limit: "501" }, "invalid_message"],
    [SessionsQuery, { cursor: "" }, "invalid_message"],
  ] as const)("refuses %#: %j", (schema, value, code) => {
    const result = validate(schema, value);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe(code);
  });
});

describe("workspace bodies", () => {
  it("trims titles and token names, and refuses empty or unknown fields", () => {
    expect(validate(UpdateSessionRequest, { title: "  Pricing  " })).toEqual({
      ok: true,
      value: { title: "Pricing" },
    });
    expect(validate(UpdateSessionRequest, { title: "   " }).ok).toBe(false);
    expect(validate(UpdateSessionRequest, { title: "x", pinned: true }).ok).toBe(false);
    expect(validate(CreateTokenRequest, { name: " ci " })).toEqual({ ok: true, value: { name: "ci" } });
    expect(validate(CreateTokenRequest, {}).ok).toBe(false);
  });

  it("knows the workspace socket's two frames", () => {
    const session = {
      id: "s",
      title: "t",
      createdAt: 1,
      lastActivityAt: 2,
      messageCount: 0,
      artifactCount: 0,
    };
    expect(WorkspaceFrame.parse({ type: "session_changed", session })).toEqual({
      type: "session_changed",
      session,
    });
    expect(WorkspaceFrame.safeParse({ type: "session_renamed", session }).success).toBe(false);
  });
});
