/**
 * Comparing two selected records through the duplicate workflow, on the fictional demo workspace in a real
 * (fake-indexeddb) database: the dialog scores the pair, says how likely the engine rates it, and each
 * decision goes through services/merge.ts (merge, "Not the same", "Unsure"), audited.
 */
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { ComparePairDialog, MergeSelectedButton } from '../../src/app/duplicates/ComparePair';
import { NotifyProvider } from '../../src/components/notify';
import { LinkwallDb } from '../../src/db/schema';
import { DEMO_DARREN_KEY, generateDemoWorkspace } from '../../src/domain/demo';
import type { Entity } from '../../src/domain/model';
import { comparePair } from '../../src/domain/resolution/comparePair';
import { pairKey } from '../../src/domain/resolution/types';
import { SessionProvider, WorkspaceProvider } from '../../src/hooks/session';
import { clearHistory, type Session } from '../../src/services/commit';
import { storeWorkspace } from '../../src/services/workspaces';
import { rec } from '../helpers/store';

beforeAll(() => {
  // jsdom has <dialog> but not its modal methods: open it by attribute (Dialog.tsx stays as it is).
  const proto = HTMLDialogElement.prototype as HTMLDialogElement & { showModal: () => void; close: () => void };
  if (typeof proto.showModal !== 'function')
    proto.showModal = function (this: HTMLDialogElement) {
      this.setAttribute('open', '');
    };
  if (typeof proto.close !== 'function')
    proto.close = function (this: HTMLDialogElement) {
      this.removeAttribute('open');
    };
});

const demo = generateDemoWorkspace();
const WS = demo.workspace.id;
const byId = new Map<string, Entity>(demo.entities.map((e) => [e.id, e]));
/** Darren Smith ("Dazza"): one fictional person recorded by three agencies. Police record first. */
const darren = Object.keys(demo.truthPersonKey)
  .filter((id) => demo.truthPersonKey[id] === DEMO_DARREN_KEY)
  .sort((x, y) => Number(isPolice(y)) - Number(isPolice(x)));
function isPolice(id: string): boolean {
  const e = byId.get(id);
  return e?.kind === 'person' && e.names.some((n) => n.kind === 'legal' && n.given === 'Darren');
}
/** A demo person who is not Darren Smith, and whom the engine rates unlikely to be him. */
const stranger = demo.entities.find(
  (e) => e.kind === 'person' && demo.truthPersonKey[e.id] !== DEMO_DARREN_KEY && comparePair(demo.entities, demo.links, darren[0] ?? '', e.id).probability < 0.1,
);
const vehicleId = demo.entities.find((e) => e.kind === 'vehicle')?.id ?? '';
const hotspots = demo.entities.filter((e) => e.kind === 'hotspot').map((e) => e.id);

let n = 0;
let session: Session;

beforeEach(async () => {
  clearHistory();
  session = { db: new LinkwallDb(`compare-pair-${Date.now()}-${n++}`), user: 'Analyst A' };
  await storeWorkspace(session, demo, 'demo-load', 'Loaded the demo workspace');
});

afterEach(async () => {
  cleanup();
  session.db.close();
  await session.db.delete();
});

function renderIn(ui: ReactNode) {
  return render(
    <SessionProvider session={session}>
      <NotifyProvider>
        <WorkspaceProvider db={session.db} workspaceId={WS}>
          {ui}
        </WorkspaceProvider>
      </NotifyProvider>
    </SessionProvider>,
  );
}

async function auditActions(): Promise<string[]> {
  return (await session.db.audit.where('workspaceId').equals(WS).toArray()).map((a) => a.action);
}

const verdict = () => screen.findByText(/^The engine rates these/, {}, { timeout: 15000 });

describe('ComparePairDialog', () => {
  it('merges two records of Darren Smith through the duplicate workflow', async () => {
    expect(darren).toHaveLength(3);
    const [a, b] = darren as [string, string];
    const user = userEvent.setup();
    const onClose = vi.fn();
    const onMerged = vi.fn();
    renderIn(<ComparePairDialog workspaceId={WS} aId={a} bId={b} onClose={onClose} onMerged={onMerged} />);
    const dialog = await screen.findByRole('dialog', { name: 'Compare two people' });
    // Focus starts inside the dialog, on the verdict (read first by a screen reader).
    await waitFor(() => expect(dialog).toContainElement(document.activeElement as HTMLElement));
    expect(await verdict()).toHaveTextContent(/likely the same and proposes them/);
    expect(within(dialog).getByRole('heading', { name: 'Evidence, field by field' })).toBeInTheDocument();
    expect(within(dialog).getAllByRole('row').length).toBeGreaterThan(3);

    await user.click(within(dialog).getByRole('button', { name: /Same: merge/ }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    const [first, second] = [await rec(session.db, 'entities', a, WS), await rec(session.db, 'entities', b, WS)];
    const mergedOne = [first, second].find((e) => e?.mergedInto);
    const survivor = [first, second].find((e) => !e?.mergedInto);
    expect(mergedOne?.mergedInto).toBe(survivor?.id);
    expect(onMerged).toHaveBeenCalledWith(survivor?.id, mergedOne?.id);
    expect(await session.db.merges.where('survivorId').equals(survivor?.id ?? '').count()).toBe(1);
    expect(await auditActions()).toContain('merge');
    expect(await screen.findByText(/Unmerge is on/)).toBeInTheDocument();
  }, 30000);

  it('says plainly when the engine rates a pair unlikely, and records "Not the same"', async () => {
    const a = darren[0] as string;
    const b = stranger?.id as string;
    const user = userEvent.setup();
    const onClose = vi.fn();
    renderIn(<ComparePairDialog workspaceId={WS} aId={a} bId={b} onClose={onClose} />);
    expect(await verdict()).toHaveTextContent(/^The engine rates these (under 1%|\d+%) likely the same: merge only on evidence you hold\./);
    expect(screen.getByText(/below the review threshold/)).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: /Not the same/ }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(await session.db.decisions.get([WS, pairKey(a, b)])).toMatchObject({ decision: 'not-same', user: 'Analyst A' });
    expect(await auditActions()).toContain('decision-not-same');
    expect((await rec(session.db, 'entities', a, WS))?.mergedInto).toBeUndefined();
  }, 30000);

  it('takes S / N / U from the keyboard, and Cancel decides nothing', async () => {
    const [a, , c] = darren as [string, string, string];
    const user = userEvent.setup();
    const onClose = vi.fn();
    const { unmount } = renderIn(<ComparePairDialog workspaceId={WS} aId={a} bId={c} onClose={onClose} />);
    await verdict();
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(onClose).toHaveBeenCalledTimes(1);
    expect(await session.db.decisions.count()).toBe(0);
    unmount();

    const onClose2 = vi.fn();
    renderIn(<ComparePairDialog workspaceId={WS} aId={a} bId={c} onClose={onClose2} />);
    await verdict();
    await user.keyboard('u');
    await waitFor(() => expect(onClose2).toHaveBeenCalled());
    expect(await session.db.decisions.get([WS, pairKey(a, c)])).toMatchObject({ decision: 'unsure' });
  }, 30000);

  it('refuses two records of different kinds, in words', async () => {
    renderIn(<ComparePairDialog workspaceId={WS} aId={darren[0] as string} bId={vehicleId} onClose={() => {}} />);
    expect(await screen.findByRole('alert', {}, { timeout: 15000 })).toHaveTextContent(/only two records of the same kind can be compared/);
    expect(screen.queryByRole('button', { name: /Same: merge/ })).toBeNull();
  }, 30000);
});

describe('MergeSelectedButton', () => {
  it('shows only for exactly two records of one comparable kind', async () => {
    const { rerender } = renderIn(<MergeSelectedButton workspaceId={WS} ids={[darren[0] as string]} />);
    const again = (ids: string[]) =>
      rerender(
        <SessionProvider session={session}>
          <NotifyProvider>
            <WorkspaceProvider db={session.db} workspaceId={WS}>
              <MergeSelectedButton workspaceId={WS} ids={ids} />
            </WorkspaceProvider>
          </NotifyProvider>
        </SessionProvider>,
      );
    const label = /Compare and merge these two/;
    again(darren.slice(0, 2));
    expect(await screen.findByRole('button', { name: label }, { timeout: 15000 })).toBeInTheDocument();
    for (const ids of [[darren[0] as string], darren, [darren[0] as string, vehicleId], hotspots.slice(0, 2), [darren[0] as string, darren[0] as string]]) {
      again(ids);
      expect(screen.queryByRole('button', { name: label }), ids.join()).toBeNull();
    }
  }, 30000);

  it('opens the comparison, and gives focus back when it closes', async () => {
    const user = userEvent.setup();
    renderIn(<MergeSelectedButton workspaceId={WS} ids={darren.slice(0, 2)} />);
    const button = await screen.findByRole('button', { name: /Compare and merge these two/ }, { timeout: 15000 });
    await user.click(button);
    expect(await screen.findByRole('dialog', { name: 'Compare two people' })).toBeInTheDocument();
    await verdict();
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(button).toHaveFocus();
  }, 30000);
});
