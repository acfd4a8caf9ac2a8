import { VoiceSelect } from '../prompts/VoiceSelect.tsx';
import { siblingText, useEnclosingRecord } from './EnclosingRecord.ts';
import { useInspector } from './InspectorContext.ts';
import type { WidgetProps } from './WidgetProps.ts';

export type VoiceFieldProps = WidgetProps<string | null>;

/** A say prompt's voice: those of the language it is written in (or the flow's), or its default. */
export function VoiceField({ id, describedBy, invalid, disabled, value, onChange }: VoiceFieldProps) {
  const record = useEnclosingRecord();
  const { flowLanguage } = useInspector();
  return (
    <VoiceSelect
      id={id}
      language={siblingText(record, 'language') ?? flowLanguage}
      value={value}
      onChange={onChange}
      disabled={disabled}
      describedBy={describedBy}
      invalid={invalid}
    />
  );
}
