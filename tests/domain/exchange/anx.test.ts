// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { AnxError, childElements, firstChild, fromAnx, parseXml, toAnx, type XmlElement } from '../../../src/domain/exchange';
import { entityFacts } from '../../../src/domain/facts';
import { entityLabel } from '../../../src/domain/labels';
import type { Entity, Link } from '../../../src/domain/model';
import { generateDemoWorkspace } from '../../../src/domain/demo';
import { chartInput, entities, links } from './fixture';

const CARD_NOTE = /^Sources cited for this entity on the imported i2 chart/;

/** What must survive a round trip: kind, label and every attribute (with the notes) — not ids or sources. */
function comparable(e: Entity) {
  return {
    kind: e.kind,
    label: entityLabel(e),
    facts: entityFacts(e)
      .filter((f) => !(f.label === 'Note' && CARD_NOTE.test(f.value)))
      .map((f) => `${f.label}: ${f.value}`),
  };
}

function linkKey(l: Link, labelOf: (id: string) => string): string {
  return [l.type, labelOf(l.from), labelOf(l.to), l.dateFrom ?? '', l.dateTo ?? '', l.note ?? ''].join(' | ');
}

const importOptions = { workspaceId: 'ws2', fileName: 'juniper.anx', user: 'Analyst B', now: '2024-06-02T09:00:00.000Z' };

describe('ANX export', () => {
  const xml = toAnx(chartInput());
  const root = parseXml(xml);

  it('is a well-formed chart with the collections i2 expects, in order', () => {
    expect(root.name).toBe('Chart');
    const order = childElements(root).map((c) => c.name);
    expect(order).toEqual([
      'ApplicationVersion',
      'StrengthCollection',
      'GradeOne',
      'GradeTwo',
      'GradeThree',
      'AttributeClassCollection',
      'EntityTypeCollection',
      'LinkTypeCollection',
      'Summary',
      'ChartItemCollection',
    ]);
    const items = childElements(firstChild(root, 'ChartItemCollection') as XmlElement, 'ChartItem');
    expect(items).toHaveLength(entities.length + links.length);
  });

  it('uses i2 entity types per kind and declares every attribute class it uses', () => {
    const types = childElements(firstChild(root, 'EntityTypeCollection') as XmlElement).map((t) => `${t.attributes.Name}/${t.attributes.IconFile}`);
    expect(types).toEqual(expect.arrayContaining(['Person/Person', 'Vehicle/Car', 'Mobile Phone/Mobile Phone', 'Online Account/Internet', 'Address/House', 'Organisation/Organisation', 'Location/Location']));
    const classes = new Map(childElements(firstChild(root, 'AttributeClassCollection') as XmlElement).map((c) => [c.attributes.Id, c.attributes]));
    for (const a of xml.matchAll(/AttributeClassReference="([^"]+)"/g)) expect(classes.has(a[1] ?? '')).toBe(true);
    expect([...classes.values()].find((c) => c.Name === 'Date of birth')?.Type).toBe('AttTime');
    expect([...classes.values()].find((c) => c.Name === 'Latitude')?.Type).toBe('AttNumber');
  });

  it('carries sources as cards with both grading schemes, and the marking in the summary', () => {
    expect(xml).toContain('SourceReference="LEGACY/77"');
    expect(xml).toContain('Text="2 (3x5x2): Untested"');
    expect(xml).toContain('Text="B (5x5x5): Mostly reliable"');
    expect(xml).toContain('handling conditions: A2 S2 Not to be shared without the originator');
    expect(xml).toContain('Field="OFFICIAL-SENSITIVE"');
    expect(xml).toContain('Field="Operation Juniper &amp; &lt;friends&gt;"');
    expect(xml).toContain('SourceReference="KA &amp; &quot;Co&quot; &lt;1&gt;"');
    // Item text is left out unless asked for.
    expect(xml).not.toContain('silver Astra');
    expect(toAnx(chartInput(), { includeItemText: true })).toContain('Dazza seen driving a silver Astra');
  });

  it('gives directed link types an arrow and a line strength from the best grade', () => {
    const linkStyles = [...xml.matchAll(/<LinkStyle ([^>]*)\/>/g)].map((m) => m[1] ?? '');
    expect(linkStyles.find((s) => s.includes('Type="Transported by"'))).toContain('ArrowStyle="ArrowOnHead"');
    expect(linkStyles.find((s) => s.includes('Type="Associate"'))).not.toContain('ArrowStyle');
    expect(linkStyles.find((s) => s.includes('Type="Transported by"'))).toContain('Strength="Confirmed"');
    expect(linkStyles.find((s) => s.includes('Type="Works at"'))).toContain('Strength="Tentative"');
  });

  it('parses and re-imports to the same entities and links', () => {
    const back = fromAnx(xml, importOptions);
    expect(back.warnings).toEqual([]);
    expect(back.title).toBe('Operation Juniper & <friends>');
    expect(back.marking).toBe('OFFICIAL-SENSITIVE');
    expect(back.entities.map(comparable)).toEqual(entities.map(comparable));
    const labelOld = new Map(entities.map((e) => [e.id, entityLabel(e)]));
    const labelNew = new Map(back.entities.map((e) => [e.id, entityLabel(e)]));
    expect(back.links.map((l) => linkKey(l, (id) => labelNew.get(id) ?? id)).sort()).toEqual(links.map((l) => linkKey(l, (id) => labelOld.get(id) ?? id)).sort());
    // Identities are the Linkwall ids, so the same chart imported twice into i2 merges its entities.
    expect(Object.values(back.identities).sort()).toEqual(entities.map((e) => e.id).sort());
  });

  it('re-imports positions, sources and grades', () => {
    const back = fromAnx(xml, importOptions);
    const byLabel = new Map(back.entities.map((e) => [entityLabel(e), e]));
    const darren = byLabel.get('Darren Smith ("Dazza")');
    expect(back.positions[darren?.id ?? '']).toEqual({ x: 0, y: -20 });
    const spider = byLabel.get('"Spider"');
    expect(back.positions[spider?.id ?? '']).toEqual({ x: 200, y: -20 });
    // Every fact cites the item describing the file; the cards became items.
    const fileItem = back.items[0];
    expect(fileItem?.id).toBe(back.fileItemId);
    expect(fileItem?.reference).toBe('juniper.anx');
    expect(fileItem?.author).toBe('Analyst B');
    expect(darren && darren.kind === 'person' ? darren.names.every((n) => n.sources.includes(back.fileItemId)) : false).toBe(true);
    const byRef = new Map(back.items.map((i) => [i.reference, i]));
    expect(byRef.get('LEGACY/77')?.grading).toEqual({ scheme: '5x5x5', source: 'B', intelligence: '2', handling: '4' });
    expect(byRef.get('CSC-0042')?.grading).toEqual({ scheme: '3x5x2', source: '1', intelligence: 'B', handling: 'C' });
    expect(byRef.get('CSC-0042')?.agencyType).toBe('childrens-social-care');
    expect(byRef.get('NP/2024/0001')?.dateOfIntelligence).toBe('2024-02-01');
    expect(byRef.get('KA & "Co" <1>')?.grading).toEqual({ scheme: 'ungraded' });
    const l1 = back.links.find((l) => l.type === 'associate');
    expect(l1?.sources).toContain(back.fileItemId);
    expect(l1?.sources.map((s) => back.items.find((i) => i.id === s)?.reference)).toEqual(expect.arrayContaining(['NP/2024/0001', 'LEGACY/77']));
    // An entity's cards are kept in a note that cites them.
    expect(darren?.notes.find((n) => /^Sources cited/.test(n.value))?.sources).toHaveLength(2);
  });

  it('shows young people by pseudonym without identifying attributes', () => {
    const pseudonymised = toAnx(chartInput({ pseudonyms: new Map([['p2', 'YP-01']]) }));
    expect(pseudonymised).not.toMatch(/Jade|Hall|2011-06-02|LCS-99881|Missing from care|CSC-0042/);
    expect(pseudonymised).toContain('Label="YP-01"');
    expect(pseudonymised).toContain('Identity="YP-01"');
    const back = fromAnx(pseudonymised, importOptions);
    const yp = back.entities.find((e) => entityLabel(e) === 'YP-01');
    expect(yp?.kind).toBe('person');
    if (yp?.kind !== 'person') return;
    expect(yp.dob).toBeUndefined();
    expect(yp.identifiers).toEqual([]);
    expect(yp.roles.map((r) => r.value)).toEqual(['young-person-at-risk']);
    expect(yp.sex.value).toBe('female');
  });

  it('leaves out merged-away entities and links to entities not on the chart', () => {
    const merged = { ...entities[2], mergedInto: 'p1' } as Entity;
    const xml2 = toAnx(chartInput({ entities: entities.map((e) => (e.id === 'p3' ? merged : e)) }));
    const back = fromAnx(xml2, importOptions);
    expect(back.entities).toHaveLength(entities.length - 1);
    expect(back.links).toHaveLength(links.filter((l) => l.from !== 'p3' && l.to !== 'p3').length);
  });
});

describe('ANX round trip of the whole demo workspace', () => {
  it('gives back every entity and link', () => {
    const demo = generateDemoWorkspace();
    const xml = toAnx({ workspace: demo.workspace, entities: demo.entities, links: demo.links, items: demo.items, exportedAt: '2026-11-01T00:00:00.000Z' });
    const back = fromAnx(xml, importOptions);
    expect(back.warnings).toEqual([]);
    expect(back.entities.map(comparable)).toEqual(demo.entities.filter((e) => !e.mergedInto).map(comparable));
    const oldIds = new Map(back.entities.map((e) => [e.id, back.identities[e.id] ?? '']));
    const key = (l: Link, id: (x: string) => string) => [l.type, id(l.from), id(l.to), l.dateFrom ?? '', l.dateTo ?? '', l.note ?? ''].join('|');
    expect(back.links.map((l) => key(l, (x) => oldIds.get(x) ?? x)).sort()).toEqual(demo.links.map((l) => key(l, (x) => x)).sort());
  });
});

describe('ANX import of charts made elsewhere', () => {
  const foreign = `<?xml version="1.0" encoding="UTF-8"?>
<Chart>
  <GradeOne><StringCollection><String Id="g1" Text="Always reliable"/><String Id="g2" Text="Usually reliable"/></StringCollection></GradeOne>
  <AttributeClassCollection>
    <AttributeClass Id="AC1" Name="DOB" Type="AttTime"/>
    <AttributeClass Id="AC2" Name="Mobile" Type="AttText"/>
    <AttributeClass Id="AC3" Name="VRM" Type="AttText"/>
  </AttributeClassCollection>
  <EntityTypeCollection>
    <EntityType Id="T1" Name="Man" IconFile="man"/>
    <EntityType Id="T2" Name="Telephone" IconFile="phone"/>
    <EntityType Id="T3" Name="Bank Account" IconFile="account"/>
  </EntityTypeCollection>
  <LinkTypeCollection><LinkType Id="L1" Name="Call"/></LinkTypeCollection>
  <ChartItemCollection>
    <ChartItem Id="c1" Label="SMITH, Darren" XPosition="10">
      <End X="10" Y="20"><Entity EntityId="1" Identity="DS1"><Icon><IconStyle Type="Man" EntityTypeReference="T1"/></Icon></Entity></End>
      <AttributeCollection><Attribute AttributeClassReference="AC1" Value="14/03/1991"/></AttributeCollection>
    </ChartItem>
    <ChartItem Id="c2" Label="07700 900123">
      <End X="200" Y="20"><Entity EntityId="2" Identity="07700900123"><Icon><IconStyle Type="Telephone"/></Icon></Entity></End>
    </ChartItem>
    <ChartItem Id="c3" Label="Acct 1234">
      <End X="400" Y="20"><Entity EntityId="3" Identity="A1"><Icon><IconStyle Type="Bank Account" EntityTypeReference="T3"/></Icon></Entity></End>
    </ChartItem>
    <ChartItem Id="c4" Label="" DateSet="true" DateTime="2024-02-03T10:15:00.000" SourceType="Northshire Police" SourceReference="NP/9" GradeOneIndex="1">
      <Link End1Id="2" End2Id="1"><LinkStyle Type="Call" ArrowStyle="ArrowOnTail" Strength="Default"/></Link>
    </ChartItem>
    <ChartItem Id="c5" Label="Paid into">
      <Link End1Id="1" End2Id="3"><LinkStyle Type="Transfer"/></Link>
    </ChartItem>
  </ChartItemCollection>
</Chart>`;

  it('recognises types, common attribute names and link types; warns about what it cannot place', () => {
    const back = fromAnx(foreign, importOptions);
    expect(back.entities.map((e) => [e.kind, entityLabel(e)])).toEqual([
      ['person', 'SMITH, Darren'],
      ['phone', '07700 900123'],
    ]);
    const darren = back.entities[0];
    expect(darren?.kind === 'person' ? darren.dob?.value : null).toBe('1991-03-14');
    expect(darren?.kind === 'person' ? [darren.names[0]?.given, darren.names[0]?.family] : null).toEqual(['Darren', 'SMITH']);
    expect(back.links).toHaveLength(1);
    const call = back.links[0];
    expect(call?.type).toBe('called');
    // ArrowOnTail: the call goes from the second end to the first.
    expect([call?.from, call?.to]).toEqual([back.entities[0]?.id, back.entities[1]?.id]);
    expect(call?.dateFrom).toBe('2024-02-03');
    const source = back.items.find((i) => i.reference === 'NP/9');
    expect(source?.agencyType).toBe('police');
    expect(source?.grading).toEqual({ scheme: 'ungraded' });
    expect(source?.text).toContain('source "Usually reliable"');
    expect(back.warnings.join('\n')).toMatch(/c3.*"Bank Account".*left out/);
    expect(back.warnings.join('\n')).toMatch(/c5.*left out/);
  });
});

describe('ANX import errors name what is wrong and where', () => {
  const opts = { workspaceId: 'ws2' };
  const wrap = (items: string) => `<?xml version="1.0"?>\n<Chart>\n<ChartItemCollection>\n${items}\n</ChartItemCollection>\n</Chart>`;
  const person = (entityId: string, ci = 'c1') =>
    `<ChartItem Id="${ci}" Label="A"><End X="0" Y="0"><Entity EntityId="${entityId}"><Icon><IconStyle Type="Person"/></Icon></Entity></End></ChartItem>`;

  const cases: [string, string, RegExp][] = [
    ['not XML', 'this is not xml', /not well-formed XML.*Line 1, column 1/],
    ['unclosed element', '<Chart>\n<ChartItemCollection>\n</Chart>', /Line 3, column 1: found <\/Chart> where <\/ChartItemCollection> \(opened at line 2\) was expected/],
    ['wrong root', '<graphml/>', /root element is <graphml>/],
    ['no items', '<Chart/>', /no <ChartItemCollection>/],
    ['link to nowhere', wrap(`${person('1')}\n<ChartItem Id="c9"><Link End1Id="1" End2Id="7"/></ChartItem>`), /<ChartItem Id="c9"> at line 5: the link's second end \(End2Id="7"\) is not an entity/],
    ['duplicate entity', wrap(`${person('1')}\n${person('1', 'c2')}`), /<ChartItem Id="c2"> at line 5: EntityId="1" is also used by <ChartItem Id="c1"> at line 4/],
    ['bad position', wrap(person('1').replace('X="0"', 'X="left"')), /<ChartItem Id="c1"> at line 4: its position/],
    ['unknown attribute class', wrap(person('1').replace('</End>', '</End><AttributeCollection><Attribute AttributeClassReference="nope" Value="x"/></AttributeCollection>')), /<Attribute> at line 4: AttributeClassReference="nope" names no attribute class/],
    ['grade out of range', wrap(person('1').replace('Label="A"', 'Label="A" GradeOneIndex="4"')), /GradeOneIndex="4" does not point into the chart's GradeOne list \(0 entries\)/],
    ['a DOCTYPE', '<!DOCTYPE Chart [<!ENTITY x "y">]><Chart/>', /DOCTYPE is not accepted/],
  ];
  it.each(cases)('%s', (_name, text, message) => {
    let error: unknown;
    try {
      fromAnx(text, opts);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AnxError);
    expect((error as Error).message).toMatch(message);
  });

  it('reads UTF-16 bytes', () => {
    const text = wrap(person('1').replace('Label="A"', 'Label="Zoë"'));
    const bytes = new Uint8Array(2 + text.length * 2);
    bytes[0] = 0xff;
    bytes[1] = 0xfe;
    for (let i = 0; i < text.length; i++) bytes[2 + i * 2] = text.charCodeAt(i) & 0xff;
    for (let i = 0; i < text.length; i++) bytes[3 + i * 2] = text.charCodeAt(i) >> 8;
    expect(entityLabel(fromAnx(bytes, opts).entities[0] as Entity)).toBe('Zoë');
  });
});
