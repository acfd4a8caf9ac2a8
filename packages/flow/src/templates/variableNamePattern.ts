/**
 * A dotted variable name, e.g. `caller.number`. Linear to match: each dotted part starts with a literal
 * dot that no other part of the pattern can consume, so there is only ever one way to match.
 */
export const variableNamePattern = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;
