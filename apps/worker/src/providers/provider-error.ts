/** A model provider failed: misconfigured, refused the request, or broke off mid-answer. */
export class ProviderError extends Error {
  override readonly name = "ProviderError";
}
