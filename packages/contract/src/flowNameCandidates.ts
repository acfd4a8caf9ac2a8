const numbered = /^(.*) \((\d{1,6})\)$/;

/** The longest flow name (flowName). */
const maxFlowNameLength = 120;

/**
 * The names a copy of `name` may take, in order: "Name (2)", "Name (3)"… A name already numbered
 * counts from its base ("Sales (2)" gives "Sales (2)", "Sales (3)"…, never "Sales (2) (2)"); each at
 * most 120 characters, the base shortened to fit the number. Endless: the caller stops at a free one.
 */
export function* flowNameCandidates(name: string): Generator<string, never> {
  const match = numbered.exec(name);
  const base = match?.[1]?.trim() ? match[1] : name;
  for (let number = 2; ; number++) {
    const suffix = ` (${number})`;
    yield `${base.slice(0, maxFlowNameLength - suffix.length).trimEnd()}${suffix}`;
  }
}
