import { describe, expect, it } from "vitest";
import { variablesOf } from "./env.js";

describe("the variables are read through one schema, and a value not of its kind reads as unset", () => {
  it.each([
    ["a positive number", { RATE_LIMIT_PER_SECOND: " 0.5 " }, { RATE_LIMIT_PER_SECOND: 0.5 }],
    ["not a positive number", { RATE_LIMIT_BURST: "-1", MODEL_IDLE_TIMEOUT_MS: "lots" }, {}],
    [
      "a whole number",
      { MAX_SOCKETS_PER_SESSION: "4", RETENTION_DAYS: "30" },
      { MAX_SOCKETS_PER_SESSION: 4, RETENTION_DAYS: 30 },
    ],
    ["not a whole number", { MAX_SOCKETS_PER_SESSION: "2.5", RETENTION_DAYS: "0" }, {}],
    ["a delay of none", { OFFLINE_CHUNK_DELAY_MS: "0" }, { OFFLINE_CHUNK_DELAY_MS: 0 }],
    ["a blank number", { OFFLINE_CHUNK_DELAY_MS: " ", OFFLINE_CHUNK_SIZE: "" }, {}],
    ["a provider, trimmed", { AI_PROVIDER: " openai " }, { AI_PROVIDER: "openai" }],
    ["a blank provider", { AI_PROVIDER: "  " }, {}],
  ])("%s", (_, env, read) => {
    expect(variablesOf(env)).toEqual({ ALLOWED_HOSTS: [], ALLOWED_ORIGINS: [], ...read });
  });

  it("reads a list as its items, trimmed and lower-cased, without empty ones", () => {
    expect(variablesOf({ ALLOWED_HOSTS: " Folio.Example, ,app.example " }).ALLOWED_HOSTS).toEqual([
      "folio.example",
      "app.example",
    ]);
  });
});
