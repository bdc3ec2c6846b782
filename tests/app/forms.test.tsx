/**
 * The entity and link forms against a real (fake-indexeddb) database: what is typed is normalised and
 * stored with its sources; wrong input is shown at its field and nothing is stored.
 */
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import { all, count, putRaw, rec } from '../helpers/store';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { EntityForm } from '../../src/app/forms/EntityForm';
import { ItemForm } from '../../src/app/forms/ItemForm';
import { LinkForm } from '../../src/app/forms/LinkForm';
import { NotifyProvider } from '../../src/components/notify';
import { LinkwallDb } from '../../src/db/schema';
import type { Address, Person, Phone, Vehicle, Workspace } from '../../src/domain/model';
import { SessionProvider, WorkspaceProvider } from '../../src/hooks/session';
import { clearHistory, type Session } from '../../src/services/commit';
import { storeWorkspace } from '../../src/services/workspaces';
import { intel, person, phone } from '../domain/factories';

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

let n = 0;
let session: Session;
const ITEM = intel({ id: 'it-1', reference: 'NP/2024/0001', agency: 'Northshire Police' });
const PERSON = person({ id: 'p-1' });
const PHONE = phone({ id: 'ph-1' });

beforeEach(async () => {
  clearHistory();
  session = { db: new LinkwallDb(`forms-${Date.now()}-${n++}`), user: 'Analyst A' };
  const ws: Workspace = {
    id: 'ws1',
    name: 'Op Test',
    marking: 'OFFICIAL-SENSITIVE',
    termsOfReference: '',
    fictional: true,
    createdAt: '2024-01-01T00:00:00Z',
    updatedAt: '2024-01-01T00:00:00Z',
  };
  await storeWorkspace(session, { workspace: ws, entities: [PERSON, PHONE], links: [], items: [ITEM] }, 'test-load', 'Loaded test workspace');
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
        <WorkspaceProvider db={session.db} workspaceId="ws1">
          {ui}
        </WorkspaceProvider>
      </NotifyProvider>
    </SessionProvider>,
  );
}

/** Cites the workspace's item through the search box. */
async function citeItem(user: ReturnType<typeof userEvent.setup>) {
  await user.type(await screen.findByLabelText('Find intelligence item'), '0001');
  await user.click(await screen.findByRole('button', { name: /Cite Northshire Police NP\/2024\/0001/ }));
  expect(within(screen.getByRole('list', { name: 'Chosen sources' })).getByText(/NP\/2024\/0001/)).toBeInTheDocument();
}

async function entitiesOf(kind: string) {
  return (await all(session.db, 'entities')).filter((e) => e.kind === kind);
}

describe('EntityForm', () => {
  it('saves a person with a nickname, citing the chosen source', async () => {
    const user = userEvent.setup();
    const onClose = vi.fn();
    renderIn(<EntityForm workspaceId="ws1" kind="person" existing={null} onClose={onClose} />);
    expect(await screen.findByRole('heading', { name: 'New person' })).toBeInTheDocument();

    const first = screen.getByRole('group', { name: 'Name 1' });
    await user.selectOptions(within(first).getByLabelText('Name kind'), 'Nickname');
    await user.type(within(first).getByLabelText('Name'), 'Dazza');
    await user.click(screen.getByRole('button', { name: 'Add name' }));
    const second = screen.getByRole('group', { name: 'Name 2' });
    await user.type(within(second).getByLabelText('Given name(s)'), 'Darren');
    await user.type(within(second).getByLabelText('Family name'), 'Walsh');
    await user.click(screen.getByRole('checkbox', { name: 'Young person at risk' }));
    await user.selectOptions(screen.getByLabelText('Risk level'), 'High');
    await citeItem(user);
    await user.click(screen.getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(onClose).toHaveBeenCalled());
    const id = onClose.mock.calls[0]?.[0] as string;
    const saved = (await rec(session.db, 'entities', id)) as Person;
    expect(saved.names).toEqual([
      { kind: 'nickname', given: '', family: '', full: 'Dazza', sources: ['it-1'] },
      { kind: 'legal', given: 'Darren', family: 'Walsh', full: 'Darren Walsh', sources: ['it-1'] },
    ]);
    expect(saved.roles).toEqual([{ value: 'young-person-at-risk', sources: ['it-1'] }]);
    expect(saved.riskLevel).toEqual({ value: 'high', sources: ['it-1'] });
    expect(saved.ethnicity).toEqual({ value: 'unknown', sources: ['it-1'] });
    const audit = await session.db.audit.where('workspaceId').equals('ws1').toArray();
    expect(audit.at(-1)).toMatchObject({ action: 'create-entity', user: 'Analyst A', recordIds: [id] });
  });

  it('shows a bad postcode at the field, focuses it and stores nothing', async () => {
    const user = userEvent.setup();
    const onClose = vi.fn();
    renderIn(<EntityForm workspaceId="ws1" kind="address" existing={null} onClose={onClose} />);
    await user.type(await screen.findByLabelText('Address lines'), '12 Mill Lane{Enter}Northtown');
    await user.type(screen.getByLabelText('Postcode'), 'LS1 4A');
    await citeItem(user);
    await user.click(screen.getByRole('button', { name: 'Save' }));

    const postcode = screen.getByLabelText('Postcode');
    await waitFor(() => expect(postcode).toHaveAttribute('aria-invalid', 'true'));
    expect(postcode).toHaveAccessibleDescription(expect.stringContaining('"LS1 4A" is not a UK postcode (expected something like "LS1 4AP")'));
    expect(postcode).toHaveFocus();
    expect(onClose).not.toHaveBeenCalled();
    expect(await entitiesOf('address')).toHaveLength(0);
    expect(await session.db.audit.where('workspaceId').equals('ws1').count()).toBe(1);

    // Corrected, it saves the normalised postcode and both lines.
    await user.clear(postcode);
    await user.type(postcode, 'ls14ap');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    const [saved] = (await entitiesOf('address')) as Address[];
    expect(saved?.postcode).toEqual({ value: 'LS1 4AP', sources: ['it-1'] });
    expect(saved?.lines.value).toEqual(['12 Mill Lane', 'Northtown']);
  });

  it('stores a phone typed "07700 900123" as +447700900123, with a new item recorded in the same form', async () => {
    const user = userEvent.setup();
    const onClose = vi.fn();
    renderIn(<EntityForm workspaceId="ws1" kind="phone" existing={null} onClose={onClose} />);
    expect(await screen.findByRole('radio', { name: 'Telephone number' })).toBeChecked();
    await user.type(screen.getByLabelText('Phone number'), '07700 900123');
    await user.click(screen.getByRole('checkbox', { name: 'Record a new intelligence item' }));
    await user.type(screen.getByLabelText('Agency'), "Northshire Children's Services");
    await user.selectOptions(screen.getByLabelText('Agency type'), "Children's social care");
    await user.type(screen.getByLabelText('Reference'), 'CS-77');
    await user.type(screen.getByLabelText('Text'), 'YP-014 has the number 07700 900123 saved as "D".');
    await user.click(screen.getByRole('radio', { name: 'Ungraded' }));
    await user.click(screen.getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(onClose).toHaveBeenCalled());
    const [saved] = (await entitiesOf('phone')).filter((e) => e.id !== 'ph-1') as Phone[];
    expect(saved?.number?.value).toBe('+447700900123');
    const items = await all(session.db, 'items');
    const recorded = items.find((i) => i.reference === 'CS-77');
    expect(recorded).toMatchObject({ agencyType: 'childrens-social-care', author: 'Analyst A', grading: { scheme: 'ungraded' } });
    expect(saved?.number?.sources).toEqual([recorded?.id]);
    const audit = await session.db.audit.where('workspaceId').equals('ws1').toArray();
    expect(audit).toHaveLength(2);
    expect(audit.at(-1)?.recordIds).toEqual(expect.arrayContaining([recorded?.id, saved?.id]));
  });

  it('explains a phone number that is wrong, at the field', async () => {
    const user = userEvent.setup();
    renderIn(<EntityForm workspaceId="ws1" kind="phone" existing={null} onClose={() => {}} />);
    await user.type(await screen.findByLabelText('Phone number'), '07700 90012');
    await citeItem(user);
    await user.click(screen.getByRole('button', { name: 'Save' }));
    const field = screen.getByLabelText('Phone number');
    await waitFor(() => expect(field).toHaveAccessibleDescription(expect.stringMatching(/"07700 90012" is not a phone number: too few digits/)));
    expect(await entitiesOf('phone')).toHaveLength(1);
  });

  it('normalises a partial plate and marks it partial', async () => {
    const user = userEvent.setup();
    const onClose = vi.fn();
    renderIn(<EntityForm workspaceId="ws1" kind="vehicle" existing={null} onClose={onClose} />);
    await user.type(await screen.findByLabelText('Registration'), 'ends 4xy');
    await user.type(screen.getByLabelText('Make'), 'Vauxhall');
    await user.type(screen.getByLabelText('Colour'), 'Silver');
    // Enter in the search box cites the best match rather than submitting the form.
    await user.type(screen.getByLabelText('Find intelligence item'), 'NP/2024/0001');
    await screen.findByRole('button', { name: /Cite Northshire Police NP\/2024\/0001/ });
    await user.keyboard('{Enter}');
    expect(within(screen.getByRole('list', { name: 'Chosen sources' })).getByText(/NP\/2024\/0001/)).toBeInTheDocument();
    expect(onClose).not.toHaveBeenCalled();
    expect(screen.getByLabelText('Registration')).toHaveAccessibleDescription(expect.stringContaining('Stored as *4XY (partial plate).'));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    const [saved] = (await entitiesOf('vehicle')) as Vehicle[];
    expect(saved).toMatchObject({ partial: true, registration: { value: '*4XY', sources: ['it-1'] }, make: { value: 'Vauxhall' } });
  });

  it('says a source is needed when none is chosen, and stores nothing', async () => {
    const user = userEvent.setup();
    const onClose = vi.fn();
    renderIn(<EntityForm workspaceId="ws1" kind="person" existing={null} onClose={onClose} />);
    await user.type(await screen.findByLabelText('Given name(s)'), 'John');
    await user.type(screen.getByLabelText('Family name'), 'Smith');
    await user.click(screen.getByRole('button', { name: 'Save' }));

    const search = screen.getByLabelText('Find intelligence item');
    await waitFor(() => expect(search).toHaveAttribute('aria-invalid', 'true'));
    expect(search).toHaveAccessibleDescription(expect.stringContaining('Choose the intelligence item this comes from, or record a new one.'));
    expect(search).toHaveFocus();
    expect(onClose).not.toHaveBeenCalled();
    expect(await entitiesOf('person')).toHaveLength(1);
  });

  it('keeps the sources of unchanged values when editing and cites the new item for changed ones', async () => {
    const user = userEvent.setup();
    const onClose = vi.fn();
    const second = intel({ id: 'it-2', reference: 'NP/2024/0002', agency: 'Northshire Police', text: 'Sex confirmed.' });
    await putRaw(session.db, 'items', second);
    renderIn(<EntityForm workspaceId="ws1" kind="person" existing={PERSON} onClose={onClose} />);
    expect(await screen.findByRole('heading', { name: 'Edit person' })).toBeInTheDocument();
    expect(screen.getByLabelText('Given name(s)')).toHaveValue('Darren');
    await user.selectOptions(screen.getByLabelText('Sex'), 'Female');
    // A changed value with no source chosen is refused.
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.getByLabelText('Find intelligence item')).toHaveAttribute('aria-invalid', 'true'));
    await user.type(screen.getByLabelText('Find intelligence item'), '0002');
    await user.click(await screen.findByRole('button', { name: /Cite Northshire Police NP\/2024\/0002/ }));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(onClose).toHaveBeenCalledWith('p-1'));
    const saved = (await rec(session.db, 'entities', 'p-1')) as Person;
    expect(saved.sex).toEqual({ value: 'female', sources: ['it-2'] });
    expect(saved.names[0]?.sources).toEqual(['i1']);
    expect(saved.ethnicity.sources).toEqual(['i1']);
  });
});

describe('LinkForm', () => {
  it('links a person to a phone picked in the combobox, citing the item', async () => {
    const user = userEvent.setup();
    const onClose = vi.fn();
    renderIn(<LinkForm workspaceId="ws1" from={PERSON} existing={null} onClose={onClose} />);
    expect(await screen.findByRole('heading', { name: 'New link' })).toBeInTheDocument();
    const combo = screen.getByRole('combobox', { name: 'Linked to' });
    await user.type(combo, '07700');
    await waitFor(() => expect(combo).toHaveAttribute('aria-expanded', 'true'));
    const option = screen.getByRole('option', { name: /07700 900123/ });
    expect(option).toHaveAttribute('aria-selected', 'true');
    await user.keyboard('{Enter}');
    expect(combo).toHaveAttribute('aria-expanded', 'false');
    expect(combo).toHaveValue('07700 900123');
    expect(screen.getByLabelText('Link type')).toHaveValue('uses-phone');
    await user.type(screen.getByLabelText('Date from'), '2024-02-01');
    await user.type(screen.getByLabelText('Note'), 'Number saved in YP-014 phone.');
    await citeItem(user);
    await user.click(screen.getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(onClose).toHaveBeenCalled());
    const links = await all(session.db, 'links');
    expect(links).toHaveLength(1);
    expect(links[0]).toMatchObject({
      type: 'uses-phone',
      from: 'p-1',
      to: 'ph-1',
      dateFrom: '2024-02-01',
      note: 'Number saved in YP-014 phone.',
      sources: ['it-1'],
    });
  });

  it('refuses a link with no source or no other end, and stores nothing', async () => {
    const user = userEvent.setup();
    const onClose = vi.fn();
    renderIn(<LinkForm workspaceId="ws1" from={PERSON} existing={null} onClose={onClose} />);
    await user.click(await screen.findByRole('button', { name: 'Save' }));
    const combo = screen.getByRole('combobox', { name: 'Linked to' });
    await waitFor(() => expect(combo).toHaveAttribute('aria-invalid', 'true'));
    expect(combo).toHaveFocus();
    expect(screen.getByLabelText('Find intelligence item')).toHaveAccessibleDescription(
      expect.stringContaining('Choose the intelligence item this comes from, or record a new one.'),
    );
    expect(await count(session.db, 'links')).toBe(0);
    expect(onClose).not.toHaveBeenCalled();
  });

  it('closes the option list on Escape without closing the form', async () => {
    const user = userEvent.setup();
    const onClose = vi.fn();
    renderIn(<LinkForm workspaceId="ws1" from={PERSON} existing={null} onClose={onClose} />);
    const combo = await screen.findByRole('combobox', { name: 'Linked to' });
    await user.type(combo, '0770');
    await waitFor(() => expect(combo).toHaveAttribute('aria-expanded', 'true'));
    await user.keyboard('{Escape}');
    expect(combo).toHaveAttribute('aria-expanded', 'false');
    expect(onClose).not.toHaveBeenCalled();
  });
});

describe('ItemForm', () => {
  it('records a 3x5x2 item with handling conditions, and explains missing fields', async () => {
    const user = userEvent.setup();
    const onClose = vi.fn();
    renderIn(<ItemForm workspaceId="ws1" existing={null} onClose={onClose} />);
    await user.click(await screen.findByRole('button', { name: 'Save' }));
    const agency = screen.getByLabelText('Agency');
    await waitFor(() => expect(agency).toHaveAccessibleDescription(expect.stringContaining('Say which agency the intelligence came from.')));
    expect(agency).toHaveFocus();

    await user.type(agency, 'Northshire Police');
    await user.type(screen.getByLabelText('Reference'), 'NP/2024/0100');
    await user.type(screen.getByLabelText('Text'), 'Hotel staff report girls taken to room 12.');
    await user.selectOptions(screen.getByLabelText('Source evaluation'), '1');
    await user.selectOptions(screen.getByLabelText('Intelligence assessment'), 'B');
    await user.selectOptions(screen.getByLabelText('Handling code'), 'C');
    await user.selectOptions(screen.getByLabelText('Sanitisation'), 'S2');
    await user.type(screen.getByLabelText('Handling conditions'), 'Not to be shared outside MASE.');
    expect(screen.getByLabelText('Author')).toHaveValue('Analyst A');
    await user.click(screen.getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(onClose).toHaveBeenCalled());
    const item = await rec(session.db, 'items', onClose.mock.calls[0]?.[0] as string);
    expect(item).toMatchObject({
      reference: 'NP/2024/0100',
      grading: { scheme: '3x5x2', source: '1', intelligence: 'B', handling: 'C', sanitisation: 'S2', conditions: 'Not to be shared outside MASE.' },
    });
  });
});
