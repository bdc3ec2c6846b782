/**
 * The page's side of the import worker: one worker per wizard, requests answered by job id.
 */
import type { FromWorker, ToWorker } from '../workers/importProtocol';

export class ImportClient {
  private worker: Worker;
  private listeners = new Set<(m: FromWorker) => void>();

  constructor() {
    this.worker = new Worker(new URL('../workers/import.worker.ts', import.meta.url), { type: 'module' });
    this.worker.onmessage = (ev: MessageEvent<FromWorker>) => {
      for (const l of this.listeners) l(ev.data);
    };
    this.worker.onerror = (ev) => {
      for (const l of this.listeners) l({ type: 'error', jobId: '*', message: ev.message || 'The import worker stopped unexpectedly.' });
    };
  }

  send(msg: ToWorker, transfer: Transferable[] = []): void {
    this.worker.postMessage(msg, transfer);
  }

  on(l: (m: FromWorker) => void): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  /** Sends a request and resolves with the first answer for the job that `accept` takes. */
  request<T extends FromWorker['type']>(msg: ToWorker, answer: T, transfer: Transferable[] = []): Promise<Extract<FromWorker, { type: T }>> {
    return new Promise((resolve, reject) => {
      const off = this.on((m) => {
        if (m.jobId !== msg.jobId && m.jobId !== '*') return;
        if (m.type === answer) {
          off();
          resolve(m as Extract<FromWorker, { type: T }>);
        } else if (m.type === 'error') {
          off();
          reject(new Error(m.message));
        }
      });
      this.send(msg, transfer);
    });
  }

  dispose(): void {
    this.worker.terminate();
    this.listeners.clear();
  }
}
