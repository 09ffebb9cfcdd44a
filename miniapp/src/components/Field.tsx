interface FieldProps {
  id: string;
  label: string;
  value: string;
  onInput(value: string): void;
  hint?: string;
  error?: string | null;
  type?: 'text' | 'tel' | 'search';
  inputMode?: 'text' | 'tel' | 'numeric' | 'search';
  autoComplete?: string;
  maxLength?: number;
  pattern?: string;
  enterKeyHint?: 'search' | 'done' | 'go' | 'next' | 'send';
}

/**
 * A labelled input: the label is always visible above the box (a placeholder alone vanishes as soon
 * as one types), the hint and the error are read out with the field.
 */
export function Field(props: FieldProps) {
  const hintId = props.hint ? `${props.id}-hint` : undefined;
  const errorId = props.error ? `${props.id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div class={props.error ? 'field field-invalid' : 'field'}>
      <label for={props.id}>{props.label}</label>
      {props.hint && (
        <p id={hintId} class="field-hint">
          {props.hint}
        </p>
      )}
      <input
        id={props.id}
        type={props.type ?? 'text'}
        inputMode={props.inputMode}
        autoComplete={props.autoComplete}
        maxLength={props.maxLength}
        pattern={props.pattern}
        enterkeyhint={props.enterKeyHint}
        value={props.value}
        onInput={(event) => props.onInput(event.currentTarget.value)}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy}
      />
      {props.error && (
        <p id={errorId} class="field-error" role="alert">
          <strong>!</strong> {props.error}
        </p>
      )}
    </div>
  );
}
