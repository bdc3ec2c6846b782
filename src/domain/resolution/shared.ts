/**
 * The one door from src/domain/resolution to the rest of src/domain: entity resolution reuses the
 * project's normalisers, nickname table, phonetic keys, edit distance and seeded random numbers rather
 * than writing its own, and imports them from here.
 */
export {
  foldText,
  normalisePhone,
  normalisePlate,
  normalisePostcode,
  parsePersonName,
  plateMatches,
} from '../normalise';
export { formalNamesFor, isKnownNickname, nameVariants, UK_NICKNAMES } from '../nicknames';
export { phoneticKey } from '../phonetic';
export { editDistance } from '../search';
export { chance, createRng, int, pick, weightedPick, type Rng } from '../random';
export { entityLabel } from '../labels';
export { KIND_LABEL } from '../model';
export type { Address, Entity, EntityKind, Id, Link, LinkType, Person, Phone, Vehicle } from '../model';
