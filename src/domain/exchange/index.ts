/**
 * Exchange formats: i2 Analyst's Notebook charts (ANX, export and import), GraphML and GEXF for network
 * tools, CSV tables of entities and links, and the workspace bundle (JSON) that restores a workspace
 * exactly. Pure: no DOM, storage or UI; runs in Node, a worker or the page.
 */
export { AnxError, fromAnx, toAnx, ANX_ATTRIBUTE_CLASSES, ANX_ENTITY_TYPES, ANX_NAME_CLASS } from './anx';
export type { AnxExportOptions, AnxImportOptions, AnxImportResult } from './anx';
export {
  BUNDLE_FORMAT,
  BUNDLE_VERSION,
  BundleError,
  canonicalJson,
  normaliseBundleData,
  parseBundle,
  rekeyBundleData,
  serialiseBundle,
  sha256Hex,
} from './bundle';
export type {
  BundleAuditRecord,
  BundleChartView,
  BundleChartViews,
  BundleTemplate,
  Hasher,
  ParseOptions,
  SerialiseOptions,
  WorkspaceBundle,
  WorkspaceBundleData,
} from './bundle';
export type { ChartExportInput, Point } from './common';
export { csvField, entitiesCsv, ENTITY_CSV_HEADERS, LINK_CSV_HEADERS, linksCsv, neutraliseFormula, toCsv } from './csv';
export type { CsvInput, CsvOptions } from './csv';
export { GEXF_EDGE_ATTRIBUTES, GEXF_NODE_ATTRIBUTES, toGexf } from './gexf';
export { GRAPHML_KEYS, toGraphml } from './graphml';
export { childElements, decodeXmlBytes, escapeXmlAttr, escapeXmlText, firstChild, localName, parseXml, textContent, XmlError } from './xml';
export type { XmlElement, XmlNode, XmlText } from './xml';
