import { useState, type FormEvent } from 'react';
import type { LinkwallDb } from '../db/schema';
import { ValidationError } from '../services/records';
import { setUserName } from '../services/workspaces';

/** Asked once per browser: the name recorded against every change (DPA 2018 s.62 logging). */
export function UserNameDialog({ db, onDone }: { db: LinkwallDb; onDone: (name: string) => void }) {
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      onDone(await setUserName(db, name));
    } catch (err) {
      setError(err instanceof ValidationError ? err.message : String(err));
    }
  };
  return (
    <main className="welcome">
      <form className="card user-card" onSubmit={submit} role="dialog" aria-labelledby="user-title">
        <h1 id="user-title">Welcome to Linkwall</h1>
        <p>
          Linkwall keeps everything in this browser on this computer. Every change is logged with the name of the person who made
          it, as the Data Protection Act 2018 (s.62) requires.
        </p>
        <label htmlFor="user-name">Your name</label>
        <input
          id="user-name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          autoFocus
          autoComplete="name"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'user-err' : undefined}
        />
        {error && (
          <p id="user-err" className="error-text" role="alert">
            {error}
          </p>
        )}
        <div className="form-actions">
          <button type="submit" className="primary">
            Continue
          </button>
        </div>
      </form>
    </main>
  );
}
