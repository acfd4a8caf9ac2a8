import type { NodeKind } from '@callflow/flow';
import { type OptionField, optionFields } from './optionFields.ts';

/**
 * "Compare with" of a condition that matches a regular expression: the pattern must be written in the
 * flow (validation refuses {{variables}} in it, or a caller could choose the pattern), so it is plain
 * text with no variable list, and its help says what it is.
 */
function asPattern(field: OptionField): OptionField {
  if (field.key !== 'right' || field.shape.type !== 'text') return field;
  return {
    ...field,
    description:
      'A pattern written here in the flow, in RE2 syntax, e.g. ^0[67] for numbers starting with 06 or 07. Variables cannot be used in a pattern.',
    example: '^0[67]',
    shape: { ...field.shape, widget: 'plain' },
  };
}

let conditionPatternFields: readonly OptionField[] | undefined;

/** Per kind: the form when one option changes what another one means. */
const adjusted: Partial<
  Record<
    NodeKind,
    (fields: readonly OptionField[], options: Record<string, unknown>) => readonly OptionField[]
  >
> = {
  condition: (fields, options) => {
    if (options.operator !== 'matches') return fields;
    conditionPatternFields ??= fields.map(asPattern);
    return conditionPatternFields;
  },
};

/**
 * The form of a node's options as they stand: the kind's fields (see optionFields), adjusted where an
 * option depends on another. The same array for the same kind and choice, so memoised work stays valid.
 */
export function fieldsForOptions(kind: NodeKind, options: Record<string, unknown>): readonly OptionField[] {
  const fields = optionFields(kind);
  return adjusted[kind]?.(fields, options) ?? fields;
}
