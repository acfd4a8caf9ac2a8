/** `{{ caller.number }}`: a dotted name between double braces. Anything else between braces is malformed. */
export const templatePattern = /\{\{\s*([^{}]*?)\s*\}\}/g;

export const variableNamePattern = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;
