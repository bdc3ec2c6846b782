// @vitest-environment node
/** Vehicles, phones and handles, addresses and businesses resolved too. */
import { describe, expect, it } from 'vitest';
import { businessNameKey, resolveOthers } from '../../../src/domain/resolution/others';
import { pairKey } from '../../../src/domain/resolution/types';
import { address, business, fact, link, phone, vehicle } from '../factories';

const pairIds = (r: ReturnType<typeof resolveOthers>) => r.pairs.map((p) => [p.leftId, p.rightId].sort().join('~'));

describe('resolveOthers', () => {
  it('finds a vehicle recorded twice, with look-alike characters or a partial plate', () => {
    const r = resolveOthers([
      vehicle({ id: 'v1', registration: fact('AB12CDO'), make: fact('Vauxhall'), colour: fact('Silver') }),
      vehicle({ id: 'v2', registration: fact('AB12 CD0'), make: fact('vauxhall') }),
      vehicle({ id: 'v3', registration: fact('AB12C??'), partial: true, make: fact('Vauxhall'), colour: fact('silver') }),
      vehicle({ id: 'v4', registration: fact('YX64ABC'), make: fact('Ford') }),
    ]);
    expect(pairIds(r)).toEqual(expect.arrayContaining(['v1~v2', 'v1~v3']));
    expect(pairIds(r).some((p) => p.includes('v4'))).toBe(false);
    const v12 = r.pairs.find((p) => [p.leftId, p.rightId].sort().join('~') === 'v1~v2');
    expect(v12?.fields[0]).toMatchObject({ field: 'registration', level: 'confusable' });
  });

  it('finds one number written two ways, and one handle, but not a number a digit apart', () => {
    const r = resolveOthers([
      phone({ id: 'p1', number: fact('07700 900123') }),
      phone({ id: 'p2', number: fact('+44 7700 900123') }),
      phone({ id: 'p3', number: fact('07700 900124') }),
      phone({ id: 'h1', phoneType: 'handle', number: undefined, platform: 'Snapchat', handle: fact('@dazza_kb') }),
      phone({ id: 'h2', phoneType: 'handle', number: undefined, platform: 'Snapchat', handle: fact('dazza_kb') }),
    ]);
    expect(pairIds(r).sort()).toEqual(['h1~h2', 'p1~p2']);
    expect(r.pairs.every((p) => p.band === 'confident')).toBe(true);
  });

  it('finds an address written in another flat form, and not a neighbour', () => {
    const r = resolveOthers([
      address({ id: 'a1', lines: fact(['Flat 2, 14 High St', 'Kelbridge']), postcode: fact('KB1 4AP') }),
      address({ id: 'a2', lines: fact(['14 High Street flat 2', 'Kelbridge']), postcode: fact('kb14ap') }),
      address({ id: 'a3', lines: fact(['16 High Street', 'Kelbridge']), postcode: fact('KB1 4AP') }),
    ]);
    expect(pairIds(r)).toEqual(['a1~a2']);
    expect(r.pairs[0]?.band).toBe('confident');
  });

  it('finds a business under its name with or without "The" and "Ltd"', () => {
    expect(businessNameKey('The Star Cars Ltd.')).toBe('star cars');
    const r = resolveOthers(
      [
        business({ id: 'b1', name: fact('The Star Cars Ltd'), businessType: 'taxi-firm' }),
        business({ id: 'b2', name: fact('Star Cars'), businessType: 'taxi-firm' }),
        business({ id: 'b3', name: fact('Star Kebabs'), businessType: 'takeaway' }),
        address({ id: 'a1' }),
      ],
      [link({ id: 'l1', type: 'located-at', from: 'b1', to: 'a1' }), link({ id: 'l2', type: 'located-at', from: 'b2', to: 'a1' })],
    );
    expect(pairIds(r)).toEqual(['b1~b2']);
    expect(r.pairs[0]?.fields.map((f) => f.field)).toEqual(['name', 'businessType', 'address']);
  });

  it('honours "Not the same"', () => {
    const entities = [phone({ id: 'p1', number: fact('07700 900123') }), phone({ id: 'p2', number: fact('07700900123') })];
    expect(resolveOthers(entities, [], { cannotLink: new Set([pairKey('p1', 'p2')]) }).pairs).toEqual([]);
  });
});
