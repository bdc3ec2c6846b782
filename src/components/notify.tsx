/** Status messages: a polite live region announces them and shows them briefly at the bottom. */
import { createContext, useCallback, useContext, useRef, useState, type ReactNode } from 'react';

type Kind = 'info' | 'error';
const NotifyContext = createContext<(message: string, kind?: Kind) => void>(() => {});

export function NotifyProvider({ children }: { children: ReactNode }) {
  const [msg, setMsg] = useState<{ text: string; kind: Kind } | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const notify = useCallback((text: string, kind: Kind = 'info') => {
    setMsg({ text, kind });
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => setMsg(null), kind === 'error' ? 10000 : 4000);
  }, []);
  return (
    <NotifyContext.Provider value={notify}>
      {children}
      <div className="toast-region" role="status" aria-live="polite">
        {msg && <div className={`toast toast-${msg.kind}`}>{msg.text}</div>}
      </div>
    </NotifyContext.Provider>
  );
}

export function useNotify() {
  return useContext(NotifyContext);
}
