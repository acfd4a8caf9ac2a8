import { type ReactNode, useId, useState } from 'react';
import { DeviceNamePicker } from './DeviceNamePicker.tsx';
import { EndpointPicker } from './EndpointPicker.tsx';
import { EnumSetField } from './EnumSetField.tsx';
import { FieldProblems } from './FieldProblems.tsx';
import { useInspector } from './InspectorContext.ts';
import { JsonField } from './JsonField.tsx';
import { LanguageInput } from './LanguageInput.tsx';
import { LibraryPromptPicker } from './LibraryPromptPicker.tsx';
import { ListField } from './ListField.tsx';
import { ObjectFields } from './ObjectFields.tsx';
import type { Choice, FieldShape, OptionField } from './optionFields.ts';
import { SoundPicker } from './SoundPicker.tsx';
import { SpeechTextInput } from './SpeechTextInput.tsx';
import { TemplateInput } from './TemplateInput.tsx';
import { VariantFields } from './VariantFields.tsx';
import { VoiceField } from './VoiceField.tsx';

export interface FieldControlProps {
  readonly field: OptionField;
  /** The value as the draft holds it: undefined when missing (the default then applies). */
  readonly value: unknown;
  /** From the node, e.g. `options.choices.0.digit`: where the field's problems are looked up. */
  readonly path: string;
  /** Called with undefined when the field is cleared, so it goes missing and validation can say so. */
  readonly onChange: (next: unknown) => void;
}

/** One option as a labelled control, its help and its problems, whatever its shape. */
export function FieldControl({ field, value, path, onChange }: FieldControlProps) {
  const id = useId();
  const { readOnly, problemsAt } = useInspector();
  const problems = problemsAt(path);
  const shown = value === undefined ? field.defaultValue : value;
  const isNull = field.nullLabel !== null && shown === null;
  // An enum offers "off" as one of its choices, a voice "the default voice"; other nullable fields get
  // a switch beside the label.
  const offIsAChoice =
    field.shape.type === 'enum' || (field.shape.type === 'text' && field.shape.widget === 'voice');
  const helpId = field.description === undefined ? undefined : `${id}-help`;
  const problemsId = problems.length === 0 ? undefined : `${id}-problems`;
  const control: ControlProps = {
    id,
    describedBy: [helpId, problemsId].filter((part) => part !== undefined).join(' ') || undefined,
    invalid: problems.some((problem) => problem.severity === 'error'),
    disabled: readOnly || (isNull && !offIsAChoice),
  };
  const nullSwitch =
    field.nullLabel !== null && !offIsAChoice ? (
      <label className="inspector-null">
        <input
          type="checkbox"
          checked={isNull}
          disabled={readOnly}
          onChange={(event) => onChange(event.target.checked ? null : startValue(field))}
        />
        {field.nullLabel}
      </label>
    ) : null;
  const help =
    helpId === undefined ? null : (
      <span id={helpId} className="field__help">
        {field.description}
      </span>
    );
  const footer = (
    <>
      {help}
      <FieldProblems id={problemsId} problems={problems} />
    </>
  );

  if (field.shape.type === 'boolean')
    return (
      <div className="field inspector-field">
        <div className="inspector-check">
          <input
            id={id}
            type="checkbox"
            checked={shown === true}
            disabled={control.disabled}
            aria-describedby={control.describedBy}
            aria-invalid={control.invalid}
            onChange={(event) => onChange(event.target.checked)}
          />
          <label htmlFor={id} className="field__label">
            {field.title}
          </label>
          {nullSwitch}
        </div>
        {footer}
      </div>
    );

  if (isGroup(field.shape))
    return (
      <fieldset
        className="field inspector-group"
        aria-labelledby={`${id}-legend`}
        aria-describedby={control.describedBy}
      >
        <legend className="inspector-group__legend">
          {/* The group is named by the title alone: the legend also holds the off switch. */}
          <span id={`${id}-legend`} className="field__label">
            {field.title}
          </span>
          {nullSwitch}
        </legend>
        {help}
        {!isNull && groupContent(field.shape, shown, path, onChange, control)}
        <FieldProblems id={problemsId} problems={problems} />
      </fieldset>
    );

  return (
    <div className="field inspector-field">
      <div className="inspector-field__head">
        <label htmlFor={id} className="field__label">
          {field.title}
        </label>
        {nullSwitch}
      </div>
      {simpleControl(field, shown, onChange, control)}
      {footer}
    </div>
  );
}

/** Shapes shown as a fieldset of several controls rather than one labelled control. */
function isGroup(shape: FieldShape): boolean {
  return (
    shape.type === 'list' || shape.type === 'enumSet' || shape.type === 'object' || shape.type === 'variants'
  );
}

interface ControlProps {
  readonly id: string;
  readonly describedBy: string | undefined;
  readonly invalid: boolean;
  readonly disabled: boolean;
}

function groupContent(
  shape: FieldShape,
  value: unknown,
  path: string,
  onChange: (next: unknown) => void,
  control: ControlProps,
): ReactNode {
  switch (shape.type) {
    case 'list':
      return <ListField shape={shape} value={value} path={path} onChange={onChange} />;
    case 'enumSet':
      return (
        <EnumSetField choices={shape.choices} value={value} disabled={control.disabled} onChange={onChange} />
      );
    case 'object':
      return <ObjectFields fields={shape.fields} value={value} path={path} onChange={onChange} />;
    case 'variants':
      return <VariantFields shape={shape} value={value} path={path} onChange={onChange} />;
    default:
      return null;
  }
}

function simpleControl(
  field: OptionField,
  value: unknown,
  onChange: (next: unknown) => void,
  control: ControlProps,
): ReactNode {
  const { shape } = field;
  const common = {
    id: control.id,
    disabled: control.disabled,
    'aria-describedby': control.describedBy,
    'aria-invalid': control.invalid,
  };
  const placeholder = field.example === undefined ? undefined : String(field.example);
  const text = typeof value === 'string' ? value : '';
  switch (shape.type) {
    case 'number':
      return <NumberInput field={field} shape={shape} value={value} onChange={onChange} control={control} />;
    case 'enum':
      return (
        <EnumSelect
          choices={shape.choices}
          nullLabel={field.nullLabel}
          value={value}
          onChange={onChange}
          common={common}
        />
      );
    case 'text':
      switch (shape.widget) {
        case 'sound':
          return <SoundPicker {...control} value={text} onChange={onChange} />;
        case 'libraryPrompt':
          return <LibraryPromptPicker {...control} value={text} onChange={onChange} />;
        case 'speechText':
          return (
            <SpeechTextInput
              {...control}
              label={field.title}
              placeholder={placeholder}
              value={text}
              onChange={onChange}
            />
          );
        case 'language':
          return <LanguageInput {...control} value={text} onChange={onChange} />;
        case 'endpoint':
          return <EndpointPicker {...control} label={field.title} value={text} onChange={onChange} />;
        case 'deviceName':
          return <DeviceNamePicker {...control} value={text} onChange={onChange} />;
        case 'voice':
          return (
            <VoiceField {...control} value={typeof value === 'string' ? value : null} onChange={onChange} />
          );
        case 'template':
        case 'multiline':
          return (
            <TemplateInput
              {...control}
              label={field.title}
              multiline={shape.widget === 'multiline'}
              placeholder={placeholder}
              value={text}
              onChange={onChange}
            />
          );
        case 'date':
          return (
            <input
              {...common}
              className="input"
              type="date"
              value={text}
              onChange={(e) => onChange(e.target.value)}
            />
          );
        case 'timeZone':
          return (
            <>
              <input
                {...common}
                className="input"
                list={`${control.id}-zones`}
                placeholder={placeholder}
                value={text}
                onChange={(event) => onChange(event.target.value)}
              />
              <datalist id={`${control.id}-zones`}>
                {timeZones().map((zone) => (
                  <option key={zone} value={zone} />
                ))}
              </datalist>
            </>
          );
        default:
          return (
            <input
              {...common}
              className="input"
              placeholder={placeholder}
              value={text}
              onChange={(event) => onChange(event.target.value)}
            />
          );
      }
    default:
      return <JsonField {...control} value={value} onChange={onChange} />;
  }
}

function NumberInput({
  field,
  shape,
  value,
  onChange,
  control,
}: {
  field: OptionField;
  shape: Extract<FieldShape, { type: 'number' }>;
  value: unknown;
  onChange: (next: unknown) => void;
  control: ControlProps;
}) {
  // While the person types, the text is theirs: a cleared field stays empty (and goes missing in the
  // options) instead of jumping back to the default it now stands for.
  const [typed, setTyped] = useState<string | null>(null);
  const shown = typed ?? (typeof value === 'number' ? String(value) : '');
  return (
    <input
      id={control.id}
      className="input inspector-number"
      type="number"
      inputMode={shape.integer ? 'numeric' : 'decimal'}
      min={shape.min}
      max={shape.max}
      step={shape.integer ? 1 : 'any'}
      placeholder={field.example === undefined ? undefined : String(field.example)}
      disabled={control.disabled}
      aria-describedby={control.describedBy}
      aria-invalid={control.invalid}
      value={shown}
      onChange={(event) => {
        const text = event.target.value;
        setTyped(text);
        const number = Number(text);
        onChange(text.trim() === '' || !Number.isFinite(number) ? undefined : number);
      }}
      onBlur={() => setTyped(null)}
    />
  );
}

function EnumSelect({
  choices,
  nullLabel,
  value,
  onChange,
  common,
}: {
  choices: readonly Choice[];
  nullLabel: string | null;
  value: unknown;
  onChange: (next: unknown) => void;
  common: { id: string; disabled: boolean; 'aria-describedby': string | undefined; 'aria-invalid': boolean };
}) {
  // Option values are positions, not the enum's own values, so no enum value can pass for "off".
  const index = choices.findIndex((choice) => choice.value === value);
  const selected = value === null && nullLabel !== null ? 'off' : index >= 0 ? `choice-${index}` : 'unset';
  const unknown = typeof value === 'string' && index < 0;
  return (
    <select
      {...common}
      className="select"
      value={unknown ? 'unknown' : selected}
      onChange={(event) => {
        const picked = event.target.value;
        if (picked === 'off') onChange(null);
        else if (picked.startsWith('choice-'))
          onChange(choices[Number(picked.slice('choice-'.length))]?.value);
      }}
    >
      {selected === 'unset' && !unknown && (
        <option value="unset" disabled>
          Choose…
        </option>
      )}
      {unknown && (
        <option value="unknown" disabled>
          {String(value)} (not a choice)
        </option>
      )}
      {nullLabel !== null && <option value="off">{nullLabel}</option>}
      {choices.map((choice, position) => (
        <option key={choice.value} value={`choice-${position}`}>
          {choice.label}
        </option>
      ))}
    </select>
  );
}

/** What a nullable field holds when switched on: its example when that fits, else an empty value. */
function startValue(field: OptionField): unknown {
  const { shape, example } = field;
  if (shape.type === 'number') return typeof example === 'number' ? example : (shape.min ?? 0);
  if (shape.type === 'text') return typeof example === 'string' ? example : '';
  if (shape.type === 'boolean') return false;
  if (shape.type === 'list' || shape.type === 'enumSet') return [];
  if (shape.type === 'object' || shape.type === 'variants') return {};
  return example;
}

let zones: readonly string[] | undefined;
function timeZones(): readonly string[] {
  zones ??= Intl.supportedValuesOf('timeZone');
  return zones;
}
