import { describe, expect, it } from "vitest";
import { SocketBudgets, socketLimitFrom } from "./socket-budget.js";

describe("a socket's frame budget", () => {
  it("accepts the burst, tells once per second while dropping, and closes a socket that keeps flooding", () => {
    let now = 0;
    const budgets = new SocketBudgets({ burst: 3, perSecond: 1 }, { maxSockets: 2 }, () => now);
    const socket = {} as WebSocket;
    const verdicts = Array.from({ length: 10 }, () => budgets.admit(socket));
    // 3 accepted, then dropped: told on the first drop of the window, closed past twice the burst.
    expect(verdicts).toEqual([
      "accept",
      "accept",
      "accept",
      "drop_and_tell",
      "drop",
      "drop",
      "drop",
      "drop",
      "drop",
      "close",
    ]);
    // Frames already on their way when it was told to close are dropped, whatever the bucket holds by then.
    now += 60_000;
    expect([budgets.admit(socket), budgets.admit(socket)]).toEqual(["drop", "drop"]);
  });

  it("forgives a socket that slows down: a new second is a new window, and refilled tokens are accepted", () => {
    let now = 0;
    const budgets = new SocketBudgets({ burst: 2, perSecond: 1 }, { maxSockets: 2 }, () => now);
    const socket = {} as WebSocket;
    expect([budgets.admit(socket), budgets.admit(socket), budgets.admit(socket)]).toEqual([
      "accept",
      "accept",
      "drop_and_tell",
    ]);
    now += 1000;
    expect([budgets.admit(socket), budgets.admit(socket)]).toEqual(["accept", "drop_and_tell"]);
  });

  it("reads MAX_SOCKETS_PER_SESSION, ignoring nonsense", () => {
    expect(socketLimitFrom({ MAX_SOCKETS_PER_SESSION: "4" })).toEqual({ maxSockets: 4 });
    for (const value of [undefined, "", "0", "-3", "2.5", "many"]) {
      expect(socketLimitFrom({ MAX_SOCKETS_PER_SESSION: value })).toEqual({ maxSockets: 32 });
    }
  });
});
