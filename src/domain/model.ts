/**
 * The data model of a problem profile. Pure types: no React, no Dexie, no DOM.
 *
 * Provenance first: every fact about an entity is a `Fact<T>` that cites the intelligence items it came
 * from (`sources`, ids of IntelItem). Links cite items too. Merging (a later issue) unions facts and
 * their sources, so nothing recorded is ever dropped.
 */
import type { GeoArea } from './geo/areas';
import type { Grading } from './grading';

export type Id = string;
/** ISO date `YYYY-MM-DD`. */
export type IsoDate = string;
/** ISO timestamp. */
export type IsoDateTime = string;

export interface Fact<T> {
  value: T;
  /** Ids of the intelligence items this value came from. At least one for a sourced value. */
  sources: Id[];
}

export const ENTITY_KINDS = ['person', 'vehicle', 'phone', 'address', 'business', 'hotspot'] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];

export const KIND_LABEL: Record<EntityKind, string> = {
  person: 'Person',
  vehicle: 'Vehicle',
  phone: 'Phone / handle',
  address: 'Address',
  business: 'Business',
  hotspot: 'Hot spot',
};

export const KIND_PLURAL: Record<EntityKind, string> = {
  person: 'people',
  vehicle: 'vehicles',
  phone: 'phones / handles',
  address: 'addresses',
  business: 'businesses',
  hotspot: 'hot spots',
};

// ---------------------------------------------------------------- people
export const NAME_KINDS = ['legal', 'alias', 'nickname', 'street'] as const;
export type NameKind = (typeof NAME_KINDS)[number];
export const NAME_KIND_LABEL: Record<NameKind, string> = {
  legal: 'Legal name',
  alias: 'Alias',
  nickname: 'Nickname',
  street: 'Street name',
};

export interface PersonName {
  kind: NameKind;
  /** Given names (may be empty for a nickname or street name). */
  given: string;
  family: string;
  /** The name as a whole for nicknames / street names ("Dazza"); for legal names, given + family. */
  full: string;
  sources: Id[];
}

export const SEXES = ['female', 'male', 'other', 'unknown'] as const;
export type Sex = (typeof SEXES)[number];

/** ONS 2021 ethnic groups (England and Wales), with an explicit "unknown" and "not stated". */
export const ETHNICITIES = [
  'unknown',
  'not-stated',
  'asian-bangladeshi',
  'asian-chinese',
  'asian-indian',
  'asian-pakistani',
  'asian-other',
  'black-african',
  'black-caribbean',
  'black-other',
  'mixed-white-asian',
  'mixed-white-black-african',
  'mixed-white-black-caribbean',
  'mixed-other',
  'white-british',
  'white-irish',
  'white-gypsy-traveller',
  'white-roma',
  'white-other',
  'arab',
  'other',
] as const;
export type Ethnicity = (typeof ETHNICITIES)[number];
export const ETHNICITY_LABEL: Record<Ethnicity, string> = {
  unknown: 'Unknown',
  'not-stated': 'Not stated',
  'asian-bangladeshi': 'Asian: Bangladeshi',
  'asian-chinese': 'Asian: Chinese',
  'asian-indian': 'Asian: Indian',
  'asian-pakistani': 'Asian: Pakistani',
  'asian-other': 'Asian: other',
  'black-african': 'Black: African',
  'black-caribbean': 'Black: Caribbean',
  'black-other': 'Black: other',
  'mixed-white-asian': 'Mixed: White and Asian',
  'mixed-white-black-african': 'Mixed: White and Black African',
  'mixed-white-black-caribbean': 'Mixed: White and Black Caribbean',
  'mixed-other': 'Mixed: other',
  'white-british': 'White: British',
  'white-irish': 'White: Irish',
  'white-gypsy-traveller': 'White: Gypsy or Irish Traveller',
  'white-roma': 'White: Roma',
  'white-other': 'White: other',
  arab: 'Other: Arab',
  other: 'Other ethnic group',
};

export const ROLES = [
  'young-person-at-risk',
  'organiser',
  'facilitator',
  'abuser',
  'associate',
  'witness',
  'professional',
] as const;
export type Role = (typeof ROLES)[number];
export const ROLE_LABEL: Record<Role, string> = {
  'young-person-at-risk': 'Young person at risk',
  organiser: 'Organiser',
  facilitator: 'Facilitator',
  abuser: 'Abuser',
  associate: 'Associate',
  witness: 'Witness',
  professional: 'Professional',
};

export const RISK_LEVELS = ['unknown', 'low', 'medium', 'high'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

export interface EstimatedAge {
  years: number;
  /** The date the estimate refers to. */
  asOf: IsoDate;
}

export interface Identifier {
  /** Which scheme or agency system: "PNC", "NHS", "LCS", "UPN", "Niche"... */
  scheme: string;
  value: string;
}

// ---------------------------------------------------------------- locations
export const LOCATION_PRECISIONS = ['exact', 'postcode', 'district', 'manual'] as const;
export type LocationPrecision = (typeof LOCATION_PRECISIONS)[number];
export interface GeoPoint {
  lat: number;
  lng: number;
  precision: LocationPrecision;
}

export const PLACE_TYPES = [
  'home',
  'care-home',
  'school',
  'hotel',
  'b-and-b',
  'takeaway',
  'taxi-office',
  'shop',
  'park',
  'car-park',
  'shopping-centre',
  'hmo',
  'flat',
  'other',
] as const;
export type PlaceType = (typeof PLACE_TYPES)[number];
export const PLACE_TYPE_LABEL: Record<PlaceType, string> = {
  home: 'Home',
  'care-home': 'Care home',
  school: 'School',
  hotel: 'Hotel',
  'b-and-b': 'B&B',
  takeaway: 'Takeaway',
  'taxi-office': 'Taxi office',
  shop: 'Shop',
  park: 'Park',
  'car-park': 'Car park',
  'shopping-centre': 'Shopping centre',
  hmo: 'HMO',
  flat: 'Flat',
  other: 'Other',
};

export const BUSINESS_TYPES = ['hotel', 'b-and-b', 'takeaway', 'taxi-firm', 'shop', 'bar', 'other'] as const;
export type BusinessType = (typeof BUSINESS_TYPES)[number];
export const BUSINESS_TYPE_LABEL: Record<BusinessType, string> = {
  hotel: 'Hotel',
  'b-and-b': 'B&B',
  takeaway: 'Takeaway',
  'taxi-firm': 'Taxi firm',
  shop: 'Shop',
  bar: 'Bar / pub',
  other: 'Other',
};

export const HOTSPOT_TYPES = ['park', 'car-park', 'shopping-centre', 'street', 'transport', 'address', 'area', 'other'] as const;
export type HotspotType = (typeof HOTSPOT_TYPES)[number];

// ---------------------------------------------------------------- entities
interface EntityBase {
  id: Id;
  workspaceId: Id;
  kind: EntityKind;
  createdAt: IsoDateTime;
  updatedAt: IsoDateTime;
  /** Free-text notes, each sourced. */
  notes: Fact<string>[];
  /** Set when the entity was merged into another (a later issue). Merged entities are hidden. */
  mergedInto?: Id;
}

export interface Person extends EntityBase {
  kind: 'person';
  names: PersonName[];
  dob?: Fact<IsoDate>;
  estimatedAge?: Fact<EstimatedAge>;
  sex: Fact<Sex>;
  ethnicity: Fact<Ethnicity>;
  roles: Fact<Role>[];
  riskLevel?: Fact<RiskLevel>;
  identifiers: Fact<Identifier>[];
}

export interface Vehicle extends EntityBase {
  kind: 'vehicle';
  /** Normalised registration: upper case, no spaces; unknown characters as "?" in a partial plate. */
  registration?: Fact<string>;
  /** True when only part of the plate is known ("ends 4XY"). */
  partial: boolean;
  make?: Fact<string>;
  model?: Fact<string>;
  colour?: Fact<string>;
}

export interface Phone extends EntityBase {
  kind: 'phone';
  /** 'number' holds an E.164 telephone number; 'handle' an online account (platform + handle). */
  phoneType: 'number' | 'handle';
  number?: Fact<string>;
  platform?: string;
  handle?: Fact<string>;
}

export interface Address extends EntityBase {
  kind: 'address';
  lines: Fact<string[]>;
  postcode?: Fact<string>;
  location?: Fact<GeoPoint>;
  placeType: PlaceType;
}

export interface Business extends EntityBase {
  kind: 'business';
  name: Fact<string>;
  businessType: BusinessType;
  licences: Fact<string>[];
}

export interface Hotspot extends EntityBase {
  kind: 'hotspot';
  name: Fact<string>;
  hotspotType: HotspotType;
  description: string;
  location?: Fact<GeoPoint>;
  /** The area the hot spot covers, drawn on the map (a polygon or a circle); `location` is its centre. */
  area?: Fact<GeoArea>;
  addressId?: Id;
}

export type Entity = Person | Vehicle | Phone | Address | Business | Hotspot;
export type EntityOf<K extends EntityKind> = Extract<Entity, { kind: K }>;

// ---------------------------------------------------------------- links
export const LINK_TYPES = [
  'associate',
  'family',
  'relationship',
  'seen-with',
  'transported-by',
  'lives-at',
  'frequents',
  'uses-phone',
  'drives-vehicle',
  'owns-vehicle',
  'works-at',
  'called',
  'online-contact',
  'located-at',
] as const;
export type LinkType = (typeof LINK_TYPES)[number];
export const LINK_TYPE_LABEL: Record<LinkType, string> = {
  associate: 'Associate',
  family: 'Family',
  relationship: 'Relationship',
  'seen-with': 'Seen with',
  'transported-by': 'Transported by',
  'lives-at': 'Lives at',
  frequents: 'Frequents',
  'uses-phone': 'Uses phone',
  'drives-vehicle': 'Drives vehicle',
  'owns-vehicle': 'Owns vehicle',
  'works-at': 'Works at',
  called: 'Called',
  'online-contact': 'Online contact',
  'located-at': 'Located at',
};

/** How a link reads from its other end ("Uses phone" seen from the phone is "Used by"). */
export const LINK_TYPE_REVERSE_LABEL: Record<LinkType, string> = {
  associate: 'Associate',
  family: 'Family',
  relationship: 'Relationship',
  'seen-with': 'Seen with',
  'transported-by': 'Transported',
  'lives-at': 'Home of',
  frequents: 'Frequented by',
  'uses-phone': 'Used by',
  'drives-vehicle': 'Driven by',
  'owns-vehicle': 'Owned by',
  'works-at': 'Workplace of',
  called: 'Called by',
  'online-contact': 'Online contact',
  'located-at': 'Location of',
};

export interface Link {
  id: Id;
  workspaceId: Id;
  type: LinkType;
  from: Id;
  to: Id;
  dateFrom?: IsoDate;
  dateTo?: IsoDate;
  note?: string;
  sources: Id[];
  createdAt: IsoDateTime;
  updatedAt: IsoDateTime;
}

// ---------------------------------------------------------------- intelligence items
export const AGENCY_TYPES = [
  'police',
  'childrens-social-care',
  'health',
  'education',
  'youth-offending',
  'voluntary-sector',
  'housing',
  'probation',
  'other',
] as const;
export type AgencyType = (typeof AGENCY_TYPES)[number];
export const AGENCY_TYPE_LABEL: Record<AgencyType, string> = {
  police: 'Police',
  'childrens-social-care': "Children's social care",
  health: 'Health',
  education: 'Education',
  'youth-offending': 'Youth offending',
  'voluntary-sector': 'Voluntary sector',
  housing: 'Housing',
  probation: 'Probation',
  other: 'Other',
};

export interface IntelItem {
  id: Id;
  workspaceId: Id;
  /** Originating agency, as named by the analyst ("Northshire Police"). */
  agency: string;
  agencyType: AgencyType;
  reference: string;
  author: string;
  dateOfIntelligence?: IsoDate;
  dateRecorded: IsoDate;
  text: string;
  statementType: 'fact' | 'assessment';
  grading: Grading;
  /** Set when the item came from an import (issue 3): file, row. */
  origin?: { importId: Id; fileName: string; row: number };
  createdAt: IsoDateTime;
  updatedAt: IsoDateTime;
}

// ---------------------------------------------------------------- workspace and audit
export const SECURITY_MARKINGS = ['OFFICIAL', 'OFFICIAL-SENSITIVE', 'SECRET'] as const;
export type SecurityMarking = (typeof SECURITY_MARKINGS)[number];

export interface Workspace {
  id: Id;
  name: string;
  marking: SecurityMarking;
  termsOfReference: string;
  /** True for the generated fictional demo. */
  fictional: boolean;
  createdAt: IsoDateTime;
  updatedAt: IsoDateTime;
}

/** DPA 2018 s.62 logging categories. */
export const AUDIT_CATEGORIES = ['collection', 'alteration', 'consultation', 'disclosure', 'combination', 'erasure'] as const;
export type AuditCategory = (typeof AUDIT_CATEGORIES)[number];

export interface AuditRecord {
  /** Auto-increment key assigned by the store. */
  seq?: number;
  workspaceId: Id;
  at: IsoDateTime;
  user: string;
  category: AuditCategory;
  action: string;
  summary: string;
  recordIds: Id[];
  reason?: string;
}

// ---------------------------------------------------------------- imports (issue 3)
/**
 * A published crime or incident (data.police.uk street-level crime): context for the map, not an entity
 * of the network. Street-level locations are already anonymised by the publisher.
 */
export interface CrimeEvent {
  id: Id;
  workspaceId: Id;
  /** Absent for anti-social behaviour rows, which data.police.uk publishes without one. */
  crimeId?: string;
  /** `YYYY-MM`. */
  month: string;
  reportedBy: string;
  fallsWithin: string;
  location?: { lat: number; lng: number };
  locationText: string;
  lsoaCode: string;
  lsoaName: string;
  crimeType: string;
  outcome: string;
  context: string;
  origin: { importId: Id; fileName: string; row: number };
}

export interface ImportCounts {
  /** Rows after the header in the file or sheet: rows = imported + quarantined + blank. */
  rows: number;
  imported: number;
  quarantined: number;
  /** Completely empty rows, skipped (counted so the totals add up). */
  blank: number;
  newEntities: number;
  matchedEntities: number;
  links: number;
  items: number;
  events: number;
}

/** One import of one file (or sheet): what it added and attached, so it can be undone as a whole. */
export interface ImportRecord {
  id: Id;
  workspaceId: Id;
  fileName: string;
  sheet: string;
  agency: string;
  user: string;
  importedAt: IsoDateTime;
  templateName?: string;
  counts: ImportCounts;
  status: 'imported' | 'undone';
  created: { entities: Id[]; links: Id[]; items: Id[]; events: Id[] };
  /** Existing entities the import attached facts to: their state before and right after the import. */
  attached: { id: Id; before: Entity; after: Entity }[];
  /** New entities, for the duplicate review (fuzzy candidates are the resolution's job, not the import's). */
  candidates: Id[];
  /** The column mapping used (src/import owns its shape) and the file's headers, to re-import corrected rows. */
  mapping: unknown;
  headers: string[];
}

/** A row that could not be imported, kept with the reasons until corrected and imported again. */
export interface QuarantineRow {
  id: Id;
  workspaceId: Id;
  importId: Id;
  fileName: string;
  rowNumber: number;
  headers: string[];
  cells: string[];
  reasons: string[];
  status: 'open' | 'resolved' | 'discarded';
  updatedAt: IsoDateTime;
}

// ---------------------------------------------------------------- resolution (issue 4)
export const DECISIONS = ['same', 'not-same', 'unsure'] as const;
export type Decision = (typeof DECISIONS)[number];

/** An analyst's decision on a candidate pair. "Not the same" is never proposed again. */
export interface PairDecision {
  workspaceId: Id;
  /** pairKey(a, b): the two entity ids in a fixed order. */
  pair: string;
  a: Id;
  b: Id;
  decision: Decision;
  /** The engine's match probability when decided. */
  probability?: number;
  user: string;
  at: IsoDateTime;
}

/**
 * One merge of `absorbed` into `survivor`: both as they were and the links that were rewired, so that
 * Unmerge puts everything back exactly. The absorbed entity is kept, hidden, with `mergedInto`.
 */
export interface MergeRecord {
  id: Id;
  workspaceId: Id;
  survivorId: Id;
  absorbedId: Id;
  survivorBefore: Entity;
  absorbedBefore: Entity;
  /** The merged entity as the merge made it (to tell whether it was edited since). */
  survivorAfter: Entity;
  linksBefore: Link[];
  probability?: number;
  user: string;
  at: IsoDateTime;
  status: 'merged' | 'unmerged';
}
