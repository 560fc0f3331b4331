/**
 * A model provider failed: misconfigured, refused the request, or broke off mid-answer. The message is the full
 * detail (the provider's URL and answer), for the log only; `summary` is what clients are told: which provider,
 * and what went wrong in a few words (a status, "broke off"). A configuration error is its own summary: it says
 * what to set, and nothing else.
 */
export class ProviderError extends Error {
  override readonly name = "ProviderError";

  constructor(
    detail: string,
    readonly summary: string = detail,
  ) {
    super(detail);
  }
}
