// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { geoJsonText, precisionText, toGeoJson, toKml, xmlEscape, type GeoExportOptions } from '../../../src/domain/geo/exportGeo';
import type { MapFeature } from '../../../src/domain/geo/geocode';

const options: GeoExportOptions = {
  marking: 'OFFICIAL-SENSITIVE',
  title: 'Operation Larkspur <hot spots> & "addresses"',
  generatedAt: '2024-06-01T10:00:00.000Z',
  attribution: ['Contains OS data © Crown copyright and database right 2014'],
};

const features: MapFeature[] = [
  {
    id: 'a1',
    kind: 'address',
    label: 'Flat 2, 30 Canal Wharf, LS11 5QN',
    location: { lat: 53.7901234567, lng: -1.5512345678, precision: 'exact', radiusM: 10 },
    roles: ['abuser', 'young-person-at-risk'],
    sources: 3,
    outcode: 'LS11',
    placeType: 'flat',
  },
  {
    id: 'h1',
    kind: 'hotspot',
    label: "Bus station & 'the steps' <rear>",
    location: { lat: 53.795, lng: -1.54, precision: 'manual', radiusM: 50 },
    roles: [],
    sources: 1,
    area: { shape: 'circle', centre: { lat: 53.795, lng: -1.54 }, radiusM: 150 },
  },
  {
    id: 'h2',
    kind: 'hotspot',
    label: 'Canal towpath',
    location: { lat: 53.79, lng: -1.56, precision: 'manual', radiusM: 50 },
    roles: [],
    sources: 2,
    area: {
      shape: 'polygon',
      points: [
        { lat: 53.79, lng: -1.56 },
        { lat: 53.791, lng: -1.56 },
        { lat: 53.791, lng: -1.558 },
      ],
    },
  },
  {
    id: 'c1',
    kind: 'address',
    label: 'Location generalised to postcode district LS1',
    location: { lat: 53.79739, lng: -1.55286, precision: 'district', radiusM: 1050 },
    roles: ['young-person-at-risk'],
    sources: 1,
    outcode: 'LS1',
    generalised: true,
  },
  {
    id: 'p1',
    kind: 'person',
    label: 'Marcus Stelling',
    location: { lat: 53.79, lng: -1.55, precision: 'exact', radiusM: 10 },
    roles: ['abuser'],
    sources: 4,
    placeId: 'a1',
    linkType: 'lives-at',
  },
];

/** Checks the XML is well formed: balanced tags, no stray & or <. */
function wellFormed(xml: string): string[] {
  const problems: string[] = [];
  const stack: string[] = [];
  const body = xml.replace(/^<\?xml[^>]*\?>\s*/, '');
  const re = /<(\/?)([A-Za-z][\w:.-]*)((?:\s+[\w:.-]+="[^"<&]*(?:&(?:amp|lt|gt|quot|apos);[^"<&]*)*")*)\s*(\/?)>|([^<]+)/g;
  let m: RegExpExecArray | null;
  let pos = 0;
  while ((m = re.exec(body))) {
    if (m.index !== pos) problems.push(`unexpected text at ${pos}: ${body.slice(pos, pos + 30)}`);
    pos = re.lastIndex;
    if (m[5] !== undefined) {
      if (/&(?!(?:amp|lt|gt|quot|apos);)/.test(m[5])) problems.push(`raw & in ${m[5].slice(0, 30)}`);
      if (m[5].includes('>')) problems.push(`raw > in ${m[5].slice(0, 30)}`);
      continue;
    }
    if (m[4]) continue;
    if (m[1]) {
      if (stack.pop() !== m[2]) problems.push(`unbalanced </${m[2]}>`);
    } else stack.push(m[2]!);
  }
  if (pos !== body.length) problems.push(`unparsed from ${pos}: ${body.slice(pos, pos + 30)}`);
  if (stack.length) problems.push(`unclosed ${stack.join(',')}`);
  return problems;
}

describe('GeoJSON export', () => {
  it('a FeatureCollection with the marking at the top and on every feature', () => {
    const g = toGeoJson(features, options);
    expect(g).toMatchObject({ type: 'FeatureCollection', marking: 'OFFICIAL-SENSITIVE', title: options.title, attribution: options.attribution });
    expect(g.features).toHaveLength(5);
    expect(g.features.every((f) => f.properties.marking === 'OFFICIAL-SENSITIVE')).toBe(true);
    expect(g.features[0]).toEqual({
      type: 'Feature',
      id: 'a1',
      geometry: { type: 'Point', coordinates: [-1.551235, 53.790123] },
      properties: {
        id: 'a1',
        kind: 'address',
        label: 'Flat 2, 30 Canal Wharf, LS11 5QN',
        precision: 'exact',
        radiusM: 10,
        roles: ['abuser', 'young-person-at-risk'],
        sources: 3,
        generalised: false,
        marking: 'OFFICIAL-SENSITIVE',
      },
    });
    expect(g.features[4]!.properties).toMatchObject({ kind: 'person', linkType: 'lives-at', placeId: 'a1' });
    expect(g.features[3]!.properties).toMatchObject({ precision: 'district', generalised: true });
  });

  it('hot spot areas are closed polygons (circles as 64 points)', () => {
    const g = toGeoJson(features, options);
    const circle = g.features[1]!;
    expect(circle.geometry.type).toBe('Polygon');
    const ring = (circle.geometry as { coordinates: [number, number][][] }).coordinates[0]!;
    expect(ring).toHaveLength(65);
    expect(ring[0]).toEqual(ring[64]);
    expect(circle.properties).toMatchObject({ shape: 'circle', areaRadiusM: 150 });
    expect(circle.properties.areaM2).toBe(Math.round(Math.PI * 150 * 150));
    const tri = (g.features[2]!.geometry as { coordinates: [number, number][][] }).coordinates[0]!;
    expect(tri).toHaveLength(4);
    expect(tri[0]).toEqual(tri[3]);
  });

  it('geoJsonText is valid JSON', () => {
    expect(JSON.parse(geoJsonText(features, options))).toEqual(toGeoJson(features, options));
  });
});

describe('KML export', () => {
  const kml = toKml(features, options);

  it('is well-formed KML 2.2 with the marking in the document name and description', () => {
    expect(kml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<kml xmlns="http://www.opengis.net/kml/2.2">')).toBe(true);
    expect(wellFormed(kml)).toEqual([]);
    expect(kml).toContain('<name>OFFICIAL-SENSITIVE: Operation Larkspur &lt;hot spots&gt; &amp; &quot;addresses&quot;</name>');
    expect(kml).toMatch(/<description>OFFICIAL-SENSITIVE\n[^<]*Handle according to its marking: OFFICIAL-SENSITIVE\.\nContains OS data ©/);
  });

  it('has a folder per kind in model order and escapes names', () => {
    const folders = [...kml.matchAll(/<Folder>\s*<name>([^<]*)<\/name>/g)].map((m) => m[1]);
    expect(folders).toEqual(['People', 'Addresses', 'Hot spots']);
    expect(kml).toContain('<name>Bus station &amp; &apos;the steps&apos; &lt;rear&gt;</name>');
    expect(kml.match(/<Placemark>/g)).toHaveLength(5);
  });

  it('puts points and polygons in lng,lat order', () => {
    expect(kml).toContain('<Point><coordinates>-1.551235,53.790123</coordinates></Point>');
    const ring = /<Polygon><outerBoundaryIs><LinearRing><coordinates>([^<]*)<\/coordinates>/.exec(kml)![1]!.split(' ');
    expect(ring).toHaveLength(65);
    expect(ring[0]).toBe(ring[64]);
    expect(ring[0]).toMatch(/^-1\.5\d+,53\.79\d+$/);
  });

  it('describes precision, roles and sources in words', () => {
    expect(kml).toContain('Location: Postcode district (within about 1.1 km)');
    expect(kml).toContain('Generalised for this audience');
    expect(kml).toContain('Roles: Abuser, Young person at risk');
    expect(kml).toContain('Shown at a place linked by: Lives at');
    expect(kml).toContain('<Data name="marking"><value>OFFICIAL-SENSITIVE</value></Data>');
    expect(precisionText(features[0]!)).toBe('Exact (within about 10 m)');
  });
});

describe('xmlEscape', () => {
  it('escapes markup and drops characters XML 1.0 cannot hold', () => {
    expect(xmlEscape(`a&b<c>d"e'f`)).toBe('a&amp;b&lt;c&gt;d&quot;e&apos;f');
    expect(xmlEscape('bell\u0007 tab\t nl\n \uD800 ok \uD83D\uDE00')).toBe('bell tab\t nl\n  ok \uD83D\uDE00');
  });
});
