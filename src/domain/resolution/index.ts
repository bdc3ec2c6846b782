/**
 * Entity resolution for Linkwall: which records are the same person (or vehicle, phone, address,
 * business). Pure TypeScript shared by the app (run it in a Web Worker) and the command line
 * (src/cli/resolve.ts). See README.md in this folder for the approach and how to call it.
 *
 *   const records = recordsFromWorkspace(entities, links);
 *   const result = await resolvePeople(records, { cannotLink }, onProgress, () => cancelled);
 *   result.clusters   every record in one cluster (confident merges, no chaining)
 *   result.pairs      pairs at or above review, band 'confident' | 'review', explained field by field
 *   const others = resolveOthers(entities, links);   vehicles, phones, addresses, businesses
 */
export { resolvePeople, resolvePeopleSync } from './people';
export { recordFromPerson, recordsFromWorkspace } from './workspace';
export { resolveOthers, businessNameKey, OTHERS_PRIOR, type EntityPair, type OtherField, type OtherKind, type ResolveOthersOptions } from './others';
export {
  INPUT_FIELDS,
  emptyRecord,
  normaliseDob,
  recordFromFields,
  splitValues,
  type InputField,
  type RawPersonFields,
} from './records';
export { generateUkRecords, ukDatasetToCsv, UK_CLI_ARGS, UK_COLUMNS, type UkDataset, type UkGeneratorOptions } from './ukGenerator';
export { FIELD_SPECS, type FieldSpec, type LevelSpec } from './compare';
export { CONTRADICTION_WEIGHT, LINKED_WEIGHT, probabilityOf, weightOf } from './model';
export * from './types';
export {
  comparePair,
  comparePairAsync,
  comparisonVerdict,
  isComparableKind,
  percent,
  whyNotComparable,
  type ComparableKind,
  type ComparePairOptions,
  type PairComparison,
} from './comparePair';
