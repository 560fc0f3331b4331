/** The fuzzers' shared inputs (fast-check): wrong values for any field, and valid objects made wrong. */
import fc from "fast-check";

/** Any value a field could be given instead of the right one. */
export const wild = fc.oneof(
  fc.anything({ maxDepth: 2 }),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.integer(),
  fc.double(),
  fc.constantFrom(null, true, "", " ", -1, 0, 2 ** 53, "../../etc", "<script>", "\u0000", "💥".repeat(40), {
    $gt: "",
  }),
  // Past the protocol's short limits (a request id's 128 characters, say).
  fc.string({ minLength: 129, maxLength: 400 }),
);

/** `base` where each field may be replaced by a wild value or dropped, and wild fields may be added. */
export function mutated(base: Record<string, unknown>) {
  const fields = Object.fromEntries(
    Object.entries(base).map(([key, value]) => [
      key,
      fc.oneof(
        { weight: 3, arbitrary: fc.constant(value) },
        { weight: 1, arbitrary: wild },
        { weight: 1, arbitrary: fc.constant(undefined) },
      ),
    ]),
  );
  return fc
    .tuple(fc.record(fields), fc.dictionary(fc.string({ maxLength: 12 }), wild, { maxKeys: 2 }), fc.boolean())
    .map(([object, extra, withExtra]) => {
      const kept = Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined));
      return withExtra ? { ...extra, ...kept } : kept;
    });
}
