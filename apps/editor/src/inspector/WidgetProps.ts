/** What the inspector gives a field's own control (a picker, a special input) besides its value. */
export interface WidgetProps<Value = string> {
  readonly id: string;
  readonly describedBy: string | undefined;
  readonly invalid: boolean;
  readonly disabled: boolean;
  readonly value: Value;
  readonly onChange: (next: Value) => void;
}
