/**
 * A toolbar drop-down: a button that opens a small panel of further buttons and choices (views, export).
 * Built on <details> so it opens with Enter or Space and is announced as expanded or collapsed; Escape
 * and a click elsewhere close it, and focus returns to its button.
 */
import { useEffect, useRef, type ReactNode } from 'react';

export function Menu({ label, children, className }: { label: ReactNode; children: ReactNode; className?: string }) {
  const ref = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const onDoc = (e: MouseEvent) => {
      if (el.open && !el.contains(e.target as Node)) el.open = false;
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && el.open) {
        el.open = false;
        el.querySelector('summary')?.focus();
        e.stopPropagation();
      }
    };
    document.addEventListener('mousedown', onDoc);
    el.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('mousedown', onDoc);
      el.removeEventListener('keydown', onKey);
    };
  }, []);
  return (
    <details ref={ref} className={`menu${className ? ` ${className}` : ''}`}>
      <summary>
        {label} <span aria-hidden="true">▾</span>
      </summary>
      <div className="menu-panel">{children}</div>
    </details>
  );
}
