/**
 * A labelled form field with its error message tied to the control (aria-describedby, aria-invalid),
 * so a screen reader reads what is wrong where it is wrong.
 */
import { cloneElement, useId, type ReactElement } from 'react';

export function Field({
  label,
  error,
  hint,
  children,
}: {
  label: string;
  error?: string | undefined;
  hint?: string;
  children: ReactElement<Record<string, unknown>>;
}) {
  const id = useId();
  const errId = `${id}-err`;
  const hintId = `${id}-hint`;
  const describedBy = [error ? errId : null, hint ? hintId : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={error ? 'field field-error' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {cloneElement(children, { id, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy })}
      {hint && (
        <small id={hintId} className="hint">
          {hint}
        </small>
      )}
      {error && (
        <small id={errId} className="error-text" role="alert">
          {error}
        </small>
      )}
    </div>
  );
}

/** First problem message for a field (or a field prefix such as "names[0]"). */
export function problemFor(problems: { field: string; message: string }[], field: string): string | undefined {
  return problems.find((p) => p.field === field || p.field.startsWith(`${field}.`) || p.field.startsWith(`${field}[`))?.message;
}
