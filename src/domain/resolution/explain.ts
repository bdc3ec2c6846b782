/**
 * Field-by-field explanations of a scored pair, in plain words for the analyst's review screen:
 * which values were compared, the level reached, its weight in bits and why.
 */
import type { Comparison } from './compare';
import { F, FIELD_COUNT, FIELD_SPECS } from './compare';
import { LINKED_WEIGHT, type PersonModel } from './model';
import type { CountedField, PRecord, ValueCounts } from './prepare';
import type { FieldExplanation, ResolutionRecord } from './types';

const round = (x: number): number => Math.round(x * 100) / 100;

const name = (n: { given: string; family: string }): string => [n.given, n.family].filter(Boolean).join(' ');

/** Display values of a field of a record. */
export function fieldValues(r: ResolutionRecord, f: number): string[] {
  switch (f) {
    case F.given:
      return r.names.map((n) => n.given).filter(Boolean);
    case F.family:
      return r.names.map((n) => n.family).filter(Boolean);
    case F.dob:
      return r.dobs;
    case F.age:
      return [...r.dobs.map((d) => `born ${d}`), ...r.ageEstimates.map((a) => `about ${a.years} on ${a.asOf}`)];
    case F.sex:
      return r.sex ? [r.sex] : [];
    case F.phone:
      return r.phones;
    case F.email:
      return r.emails;
    case F.handle:
      return r.handles;
    case F.vehicle:
      return r.vehicles;
    case F.address:
      return r.addresses;
    case F.postcode:
      return r.postcodes;
    case F.identifier:
      return r.identifiers;
    case F.alias:
      return r.aliases;
    case F.network:
      return r.network;
    default:
      return [];
  }
}

const COUNTED: Partial<Record<number, CountedField>> = {
  [F.given]: 'given',
  [F.family]: 'family',
  [F.dob]: 'dob',
  [F.phone]: 'phone',
  [F.email]: 'email',
  [F.handle]: 'handle',
  [F.vehicle]: 'vehicle',
  [F.postcode]: 'postcode',
  [F.identifier]: 'identifier',
  [F.alias]: 'alias',
  [F.network]: 'network',
};

function valuePair(a: PRecord, b: PRecord, f: number, cmp: Comparison): [string, string] {
  const i = cmp.left[f] ?? 0;
  const j = cmp.right[f] ?? 0;
  if (f === F.given || f === F.family) {
    const x = a.names[i];
    const y = b.names[j];
    if (!x || !y) return ['', ''];
    // In a crossed reading one record's parts are compared the other way round.
    const swapLeft = cmp.crossed && cmp.crossedSide === 'left';
    const swapRight = cmp.crossed && cmp.crossedSide === 'right';
    const givenSide = f === F.given;
    const left = (givenSide !== swapLeft ? x.given : x.family).s;
    const right = (givenSide !== swapRight ? y.given : y.family).s;
    return [left, right];
  }
  const lv = fieldValues(a.source, f);
  const rv = fieldValues(b.source, f);
  return [lv[i] ?? '', rv[j] ?? ''];
}

function sentence(a: PRecord, b: PRecord, f: number, level: number, weight: number, cmp: Comparison, counts: ValueCounts): string {
  const spec = FIELD_SPECS[f];
  const lv = spec?.levels[level];
  if (!spec || !lv) return '';
  const [x, y] = valuePair(a, b, f, cmp);
  const quoted = x && y ? (x === y ? `"${x}"` : `"${x}" and "${y}"`) : '';
  let text = `${spec.label}: ${lv.label}${quoted ? ` (${quoted})` : ''}`;
  if ((f === F.given || f === F.family) && cmp.crossed) text += ', reading one name the other way round (family name first)';
  const counted = COUNTED[f];
  if (lv.tf && counted && x) {
    const key = f === F.dob ? (a.source.dobs[cmp.left[f] ?? 0] ?? x) : (fieldValues(a.source, f)[cmp.left[f] ?? 0] ?? x);
    const held = counts.count(counted, f === F.given || f === F.family ? x : key);
    const holders = counts.holders(counted);
    if (held > 1 && holders > 0) {
      const share = (100 * held) / holders;
      text += `; ${held} of ${holders.toLocaleString('en-GB')} records hold it (${share < 0.1 ? '<0.1' : share.toFixed(1)}%)`;
      if ((f === F.phone || f === F.vehicle || f === F.email || f === F.address) && held >= 5)
        text += ', shared by many, so it weighs little';
      else if (held >= 5 && share >= 1) text += ', so it is common and weighs less';
    }
  }
  if (spec.supporting) text += weight > 0 ? '; supporting evidence only' : '; supporting evidence only, no weight';
  text += ` [${weight >= 0 ? '+' : ''}${round(weight)} bits]`;
  return text;
}

/** The explanation of each field compared (fields missing on either side are left out). */
export function explainComparison(a: PRecord, b: PRecord, cmp: Comparison, model: PersonModel, counts: ValueCounts): FieldExplanation[] {
  const out: FieldExplanation[] = [];
  for (let f = 0; f < FIELD_COUNT; f++) {
    const level = cmp.levels[f] ?? -1;
    if (level < 0) continue;
    const spec = FIELD_SPECS[f];
    const lv = spec?.levels[level];
    if (!spec || !lv) continue;
    const weight = model.fieldWeight(cmp.levels, f, cmp.tf[f] ?? 0);
    const halved = weight > 0 && weight < model.levelWeight(f, level, cmp.tf[f] ?? 0);
    out.push({
      field: spec.field,
      level: lv.key,
      weight: round(weight),
      explanation:
        sentence(a, b, f, level, weight, cmp, counts) +
        (halved ? ' (counted half: with clearly different given names, a shared home, phone or car is what family members have)' : ''),
      leftValues: f === F.given || f === F.family ? a.source.names.map(name) : fieldValues(a.source, f),
      rightValues: f === F.given || f === F.family ? b.source.names.map(name) : fieldValues(b.source, f),
    });
  }
  if (cmp.linked) {
    out.push({
      field: 'network',
      level: 'linked',
      weight: LINKED_WEIGHT,
      explanation: `The two records are linked to each other (family, associate...), so someone recorded them as two people [${LINKED_WEIGHT} bits]`,
      leftValues: [a.id],
      rightValues: [b.id],
    });
  }
  return out;
}
