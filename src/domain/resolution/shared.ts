/**
 * The one door from src/domain/resolution to the rest of src/domain.
 *
 * Entity resolution reuses the project's normalisers, nickname table, phonetic keys, edit distance and
 * seeded random numbers rather than writing its own. The lint rule that keeps src/domain pure
 * (eslint.config.js, `domainRule`) forbids every "../" import because it was written before src/domain
 * had sub-folders, so it also catches imports that stay inside src/domain. Rather than scattering
 * exceptions, the resolution modules import these helpers from here, and this file alone carries the
 * exception. (When the rule learns about sub-folders, this file can stay as it is or go.)
 */
/* eslint-disable no-restricted-imports -- imports from src/domain itself; see the comment above */
export {
  foldText,
  normaliseDate,
  normalisePhone,
  normalisePlate,
  normalisePostcode,
  parsePersonName,
  plateMatches,
  ageOn,
} from '../normalise';
export { areNicknameEquivalent, formalNamesFor, isKnownNickname, nameVariants, UK_NICKNAMES } from '../nicknames';
export { phoneticKey, soundex } from '../phonetic';
export { editDistance } from '../search';
export { chance, createRng, int, pick, shuffle, weightedPick, type Rng } from '../random';
export type {
  Address,
  Business,
  Entity,
  EstimatedAge,
  Id,
  Link,
  LinkType,
  Person,
  Phone,
  Vehicle,
} from '../model';
/* eslint-enable no-restricted-imports */
