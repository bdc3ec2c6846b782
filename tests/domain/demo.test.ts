import { describe, expect, it } from 'vitest';
import {
  DEMO_COUNTS,
  DEMO_DARREN_KEY,
  DEMO_NOW,
  DEMO_SEED,
  demoDuplicateGroups,
  demoIntegrityProblems,
  generateDemoWorkspace,
  type DemoWorkspace,
} from '../../src/domain/demo';
import { LINK_TYPES, type Entity, type EntityOf, type IntelItem, type Person } from '../../src/domain/model';
import { createRng, int, pick, seededId, shuffle, weightedPick } from '../../src/domain/random';

const demo = generateDemoWorkspace();
const byKind = <K extends Entity['kind']>(d: DemoWorkspace, kind: K): EntityOf<K>[] =>
  d.entities.filter((e): e is EntityOf<K> => e.kind === kind);
const itemById = new Map(demo.items.map((i) => [i.id, i]));
const persons = byKind(demo, 'person');
/** The agency that recorded a person entity: the source of its first name. */
const recordingAgency = (p: Person): IntelItem | undefined => itemById.get(p.names[0]?.sources[0] ?? '');
const daysBefore = (iso: string, days: number): string =>
  new Date(Date.parse(`${iso}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);

describe('random', () => {
  it('is deterministic for a seed and spreads values', () => {
    const a = createRng(42);
    const b = createRng(42);
    const xs = Array.from({ length: 50 }, () => a.next());
    expect(Array.from({ length: 50 }, () => b.next())).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(new Set(xs).size).toBe(50);
    const r = createRng(1);
    for (let i = 0; i < 200; i++) {
      const n = int(r, 3, 5);
      expect(n >= 3 && n <= 5 && Number.isInteger(n)).toBe(true);
    }
    expect(() => pick(r, [])).toThrow();
    expect(weightedPick(r, [['a', 0], ['b', 1]])).toBe('b');
    expect(shuffle(r, [1, 2, 3, 4]).sort()).toEqual([1, 2, 3, 4]);
  });

  it('issues unique seeded ids shaped like "p-3f9a2c1d"', () => {
    const r = createRng(7);
    const ids = Array.from({ length: 2000 }, () => seededId(r, 'p'));
    expect(new Set(ids).size).toBe(2000);
    for (const id of ids) expect(id).toMatch(/^p-[0-9a-f]{8}$/);
  });
});

describe('generateDemoWorkspace', () => {
  it('has exactly the documented counts', () => {
    const counts = Object.fromEntries(
      (['person', 'vehicle', 'phone', 'address', 'business', 'hotspot'] as const).map((k) => [k, byKind(demo, k).length]),
    );
    expect(counts).toEqual({ person: 150, vehicle: 60, phone: 120, address: 80, business: 25, hotspot: 15 });
    expect(demo.links).toHaveLength(DEMO_COUNTS.links);
    expect(demo.items).toHaveLength(DEMO_COUNTS.items);
  });

  it('describes a fictional workspace', () => {
    expect(demo.workspace.name).toBe('Operation Juniper (fictional demo)');
    expect(demo.workspace.marking).toBe('OFFICIAL-SENSITIVE');
    expect(demo.workspace.fictional).toBe(true);
    expect(demo.workspace.termsOfReference).toMatch(/fictional/i);
    expect(demo.workspace.termsOfReference).toMatch(/invented/i);
    for (const x of [...demo.entities, ...demo.links, ...demo.items]) expect(x.workspaceId).toBe(demo.workspace.id);
  });

  it('is deterministic for a seed and differs for another seed', () => {
    expect(generateDemoWorkspace(DEMO_SEED, DEMO_NOW)).toEqual(demo);
    const other = generateDemoWorkspace(12345);
    expect(other.entities.map((e) => e.id)).not.toEqual(demo.entities.map((e) => e.id));
    expect(other.items.map((i) => i.text)).not.toEqual(demo.items.map((i) => i.text));
    expect(other.links).toHaveLength(600);
  });

  it('generates well under a second', () => {
    const t = performance.now();
    generateDemoWorkspace(99);
    expect(performance.now() - t).toBeLessThan(1000);
  });

  it('keeps referential integrity: sources exist, endpoints exist, ids unique, every item cited', () => {
    expect(demoIntegrityProblems(demo)).toEqual([]);
    const entityIds = new Set(demo.entities.map((e) => e.id));
    const all = [...demo.entities.map((e) => e.id), ...demo.links.map((l) => l.id), ...demo.items.map((i) => i.id)];
    expect(new Set(all).size).toBe(all.length);
    const cited = new Set<string>();
    for (const l of demo.links) {
      expect(entityIds.has(l.from) && entityIds.has(l.to)).toBe(true);
      expect(l.from).not.toBe(l.to);
      expect(LINK_TYPES).toContain(l.type);
      expect(l.sources.length).toBeGreaterThanOrEqual(1);
      expect(l.sources.length).toBeLessThanOrEqual(3);
      expect(l.dateFrom).toBeDefined();
      if (l.dateTo && l.dateFrom) expect(l.dateTo > l.dateFrom).toBe(true);
      for (const s of l.sources) {
        expect(itemById.has(s)).toBe(true);
        cited.add(s);
      }
    }
    const json = JSON.stringify(demo.entities);
    for (const m of json.matchAll(/"sources":\[([^\]]*)\]/g)) {
      const ids = (m[1] ?? '').split(',').filter(Boolean).map((s) => JSON.parse(s) as string);
      expect(ids.length).toBeGreaterThan(0);
      for (const id of ids) {
        expect(itemById.has(id)).toBe(true);
        cited.add(id);
      }
    }
    expect(cited.size).toBe(demo.items.length);
  });

  it('draws on at least six agency types, with agency-style references', () => {
    const types = new Set(demo.items.map((i) => i.agencyType));
    expect(types.size).toBeGreaterThanOrEqual(6);
    for (const t of ['police', 'childrens-social-care', 'health', 'education', 'youth-offending', 'voluntary-sector'] as const)
      expect(types.has(t)).toBe(true);
    const police = demo.items.filter((i) => i.agencyType === 'police');
    expect(police.length / demo.items.length).toBeGreaterThan(0.4);
    for (const i of police) expect(i.reference).toMatch(/^NP-INT-\d{4}-\d{6}$/);
    expect(new Set(demo.items.map((i) => i.reference)).size).toBe(demo.items.length);
  });

  it('grades police items mostly 3x5x2, about 10% legacy 5x5x5 on older records, partners often ungraded', () => {
    const police = demo.items.filter((i) => i.agencyType === 'police');
    const legacy = police.filter((i) => i.grading.scheme === '5x5x5');
    expect(legacy.length / police.length).toBeGreaterThan(0.04);
    expect(legacy.length / police.length).toBeLessThan(0.2);
    for (const i of legacy) expect((i.dateOfIntelligence ?? i.dateRecorded) < daysBefore(DEMO_NOW, 500)).toBe(true);
    expect(legacy.some((i) => i.grading.scheme === '5x5x5' && (i.grading.handling === '4' || i.grading.handling === '5'))).toBe(true);
    const conditional = police.filter((i) => i.grading.scheme === '3x5x2' && i.grading.handling === 'C');
    expect(conditional.some((i) => i.grading.scheme === '3x5x2' && i.grading.sanitisation === 'S2' && !!i.grading.conditions)).toBe(true);
    const partners = demo.items.filter((i) => i.agencyType !== 'police');
    expect(partners.filter((i) => i.grading.scheme === 'ungraded').length / partners.length).toBeGreaterThan(0.4);
    expect(police.some((i) => i.grading.scheme === 'ungraded')).toBe(false);
  });

  it('dates items over about two years before now, intelligence no later than recording', () => {
    const earliest = daysBefore(DEMO_NOW, 731);
    for (const i of demo.items) {
      expect(i.dateRecorded <= DEMO_NOW && i.dateRecorded >= earliest).toBe(true);
      if (i.dateOfIntelligence) expect(i.dateOfIntelligence <= i.dateRecorded).toBe(true);
    }
    const years = new Set(demo.items.map((i) => i.dateRecorded.slice(0, 4)));
    expect(years.size).toBeGreaterThanOrEqual(3);
  });

  it('uses only drama-range phone numbers in E.164, plus some online handles', () => {
    const phones = byKind(demo, 'phone');
    const numbers = phones.flatMap((p) => (p.phoneType === 'number' && p.number ? [p.number.value] : []));
    for (const n of numbers) {
      expect(n).toMatch(/^\+447700900\d{3}$/);
      expect(n >= '+447700900000' && n <= '+447700900999').toBe(true);
    }
    const handles = phones.filter((p) => p.phoneType === 'handle');
    expect(handles.length).toBeGreaterThanOrEqual(8);
    for (const h of handles) {
      expect(['Snapchat', 'Instagram', 'WhatsApp']).toContain(h.platform);
      expect(h.handle?.value).toBeTruthy();
    }
    // A few numbers recorded twice (by different agencies), the rest distinct.
    const repeated = numbers.length - new Set(numbers).size;
    expect(repeated).toBeGreaterThanOrEqual(1);
    expect(repeated).toBeLessThanOrEqual(6);
  });

  it('has normalised registrations and some partial plates', () => {
    const vehicles = byKind(demo, 'vehicle');
    const partial = vehicles.filter((v) => v.partial);
    expect(partial.length).toBeGreaterThanOrEqual(6);
    for (const v of partial) expect(v.registration?.value).toMatch(/^[A-Z0-9?*]+$/);
    for (const v of partial) expect(v.registration?.value).toMatch(/[?*]/);
    for (const v of vehicles.filter((x) => !x.partial)) {
      expect(v.registration?.value).toMatch(/^[A-Z]{2}\d{2}[A-Z]{3}$/);
      expect(v.make && v.model && v.colour).toBeTruthy();
    }
    const regs = vehicles.map((v) => v.registration?.value);
    expect(new Set(regs).size).toBe(regs.length);
  });

  it('has valid UK-format postcodes and coordinates for about half the addresses, inside Kelbridge', () => {
    const postcode = /^KB[1-9] [0-9][ABD-HJLNP-UW-Z]{2}$/;
    const addresses = byKind(demo, 'address');
    for (const a of addresses) expect(a.postcode?.value).toMatch(postcode);
    const located = addresses.filter((a) => a.location);
    expect(located.length / addresses.length).toBeGreaterThan(0.35);
    expect(located.length / addresses.length).toBeLessThan(0.7);
    const points = [...located.map((a) => a.location?.value), ...byKind(demo, 'hotspot').map((h) => h.location?.value)];
    for (const p of points) {
      expect(p).toBeDefined();
      if (!p) continue;
      expect(p.lat).toBeGreaterThanOrEqual(53.7);
      expect(p.lat).toBeLessThanOrEqual(53.76);
      expect(p.lng).toBeGreaterThanOrEqual(-1.62);
      expect(p.lng).toBeLessThanOrEqual(-1.52);
      expect(p.precision).toBe('exact');
    }
    const places = new Set(addresses.map((a) => a.placeType));
    for (const t of ['home', 'care-home', 'school', 'flat', 'hmo'] as const) expect(places.has(t)).toBe(true);
    const types = new Set(byKind(demo, 'business').map((b) => b.businessType));
    for (const t of ['hotel', 'b-and-b', 'takeaway', 'taxi-firm', 'shop'] as const) expect(types.has(t)).toBe(true);
  });

  it('has the expected mix of roles, ages and unknowns', () => {
    const withRole = (r: string): Person[] => persons.filter((p) => p.roles.some((f) => f.value === r));
    expect(withRole('young-person-at-risk').length).toBeGreaterThanOrEqual(35);
    expect(withRole('young-person-at-risk').length).toBeLessThanOrEqual(50);
    expect(withRole('organiser').length).toBeGreaterThanOrEqual(8);
    expect(withRole('facilitator').length).toBeGreaterThanOrEqual(12);
    expect(withRole('abuser').length).toBeGreaterThanOrEqual(20);
    for (const p of withRole('young-person-at-risk')) {
      if (!p.dob) continue;
      const age = Number(DEMO_NOW.slice(0, 4)) - Number(p.dob.value.slice(0, 4));
      expect(age).toBeGreaterThanOrEqual(11);
      expect(age).toBeLessThanOrEqual(19);
    }
    const risks = new Set(withRole('young-person-at-risk').map((p) => p.riskLevel?.value));
    for (const r of ['unknown', 'low', 'medium', 'high']) expect(risks.has(r as never)).toBe(true);
    const unknownEthnicity = persons.filter((p) => p.ethnicity.value === 'unknown').length / persons.length;
    expect(unknownEthnicity).toBeGreaterThan(0.2);
    expect(unknownEthnicity).toBeLessThan(0.5);
    expect(persons.some((p) => p.sex.value === 'unknown')).toBe(true);
    expect(persons.some((p) => !p.dob && p.estimatedAge)).toBe(true);
    const schemes = new Set(persons.flatMap((p) => p.identifiers.map((i) => i.value.scheme)));
    for (const s of ['PNC', 'NHS', 'UPN']) expect(schemes.has(s)).toBe(true);
    for (const p of persons)
      for (const i of p.identifiers) {
        if (i.value.scheme === 'PNC') expect(i.value.value).toMatch(/^\d{2}\/\d{6}[A-Z]$/);
        if (i.value.scheme === 'NHS') expect(i.value.value).toMatch(/^999 \d{3} \d{4}$/);
      }
  });

  it('records Darren Smith ("Dazza") as three person entities from three agencies', () => {
    const darren = persons.filter((p) => p.names.some((n) => /^(darren smith|daz smyth|dazza)$/i.test(n.full)));
    expect(darren.length).toBeGreaterThanOrEqual(3);
    const agencies = new Set(darren.map((p) => recordingAgency(p)?.agency));
    expect(agencies.size).toBeGreaterThanOrEqual(3);
    for (const p of darren) expect(demo.truthPersonKey[p.id]).toBe(DEMO_DARREN_KEY);

    const police = darren.find((p) => recordingAgency(p)?.agencyType === 'police');
    expect(police?.names.map((n) => [n.kind, n.full])).toEqual([
      ['legal', 'Darren Smith'],
      ['nickname', 'Dazza'],
    ]);
    expect(police?.dob?.value).toBe('1991-03-14');
    expect(police?.roles.map((r) => r.value)).toContain('organiser');
    const csc = darren.find((p) => recordingAgency(p)?.agencyType === 'childrens-social-care');
    expect(csc?.names[0]?.full).toBe('Daz Smyth');
    expect(csc?.estimatedAge?.value.years).toBe(35);
    expect(csc?.dob).toBeUndefined();
    const nickOnly = darren.find((p) => p.names.length === 1 && p.names[0]?.kind === 'nickname');
    expect(nickOnly?.names[0]?.full).toBe('Dazza');

    // The nickname-only record has a phone whose number is also recorded against the police record.
    const phoneOf = (personId: string): string[] =>
      demo.links
        .filter((l) => l.type === 'uses-phone' && l.from === personId)
        .flatMap((l) => byKind(demo, 'phone').filter((ph) => ph.id === l.to))
        .flatMap((ph) => (ph.number ? [ph.number.value] : []));
    const nickNumbers = phoneOf(nickOnly?.id ?? '');
    expect(nickNumbers.length).toBeGreaterThan(0);
    expect(phoneOf(police?.id ?? '')).toContain(nickNumbers[0]);
  });

  it('records about 25 people more than once, by different agencies, with ground truth', () => {
    expect(Object.keys(demo.truthPersonKey).sort()).toEqual(persons.map((p) => p.id).sort());
    const groups = demoDuplicateGroups(demo);
    expect(groups.length).toBeGreaterThanOrEqual(20);
    expect(groups.length).toBeLessThanOrEqual(30);
    const extra = groups.reduce((n, g) => n + g.entityIds.length - 1, 0);
    expect(new Set(Object.values(demo.truthPersonKey)).size).toBe(150 - extra);
    const byId = new Map(persons.map((p) => [p.id, p]));
    let surnameFirst = 0;
    let nicknameOnly = 0;
    for (const g of groups) {
      const records = g.entityIds.map((id) => byId.get(id)).filter((p): p is Person => !!p);
      expect(records).toHaveLength(g.entityIds.length);
      expect(new Set(records.map((p) => recordingAgency(p)?.agency)).size).toBe(records.length);
      for (const p of records) {
        if (p.names.some((n) => n.kind === 'legal' && n.given === n.given.toUpperCase() && n.given.length > 1)) surnameFirst++;
        if (p.names.every((n) => n.kind !== 'legal')) nicknameOnly++;
      }
    }
    expect(surnameFirst).toBeGreaterThanOrEqual(2);
    expect(nicknameOnly).toBeGreaterThanOrEqual(2);
    // Every duplicate record has links of its own.
    const linked = new Set(demo.links.flatMap((l) => [l.from, l.to]));
    for (const g of groups) for (const id of g.entityIds) expect(linked.has(id)).toBe(true);
  });

  it('forms networks around a takeaway, a taxi firm and a hotel, with young people transported by drivers', () => {
    const businesses = byKind(demo, 'business');
    for (const name of ['Kelbridge Kebabs', 'Star Cars', 'Riverside Lodge Hotel']) {
      const b = businesses.find((x) => x.name.value === name);
      expect(b).toBeDefined();
      const workers = demo.links.filter((l) => l.type === 'works-at' && l.to === b?.id);
      expect(workers.length).toBeGreaterThanOrEqual(5);
    }
    const byId = new Map(persons.map((p) => [p.id, p]));
    const transported = demo.links.filter((l) => l.type === 'transported-by');
    expect(transported.length).toBeGreaterThanOrEqual(15);
    for (const l of transported) {
      expect(byId.get(l.from)?.roles.some((r) => r.value === 'young-person-at-risk')).toBe(true);
      expect(byId.has(l.to)).toBe(true);
    }
    const types = new Set(demo.links.map((l) => l.type));
    for (const t of ['uses-phone', 'drives-vehicle', 'owns-vehicle', 'lives-at', 'works-at', 'frequents', 'associate', 'seen-with', 'relationship', 'family', 'called', 'online-contact'] as const)
      expect(types.has(t)).toBe(true);
  });
});
