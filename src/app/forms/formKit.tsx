/**
 * What every form shares: its problems (shown at the fields), a saving flag, focusing the first invalid
 * control after a failed submit, and the Cancel / Save footer.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Problem } from '../../domain/validate';

export function focusFirstInvalid(root: HTMLElement | null): void {
  const el = root?.querySelector<HTMLElement>('[aria-invalid="true"], .error-anchor');
  el?.focus();
}

export function useFormState() {
  const [problems, setProblems] = useState<Problem[]>([]);
  const [saving, setSaving] = useState(false);
  const [focusTick, setFocusTick] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (focusTick > 0) focusFirstInvalid(formRef.current);
  }, [focusTick]);
  /** Shows the problems and moves focus to the first invalid control. */
  const fail = useCallback((ps: Problem[]) => {
    setProblems(ps);
    setFocusTick((t) => t + 1);
  }, []);
  return { problems, setProblems, saving, setSaving, formRef, fail };
}

export function FormFooter({ error, saving, onCancel }: { error?: string | undefined; saving: boolean; onCancel: () => void }) {
  return (
    <>
      {error && (
        <p className="error-text error-anchor" role="alert" tabIndex={-1}>
          {error}
        </p>
      )}
      <div className="form-actions">
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={saving}>
          Save
        </button>
      </div>
    </>
  );
}
