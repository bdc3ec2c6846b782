/**
 * src/import: the pure import engine (issue 3). No React, no store: it runs in the import Web Worker,
 * on the page and in tests. The services (matching stored entities, the transaction, quarantine storage,
 * undo, history) and the wizard UI sit on top of it.
 *
 * The flow:
 *   parseFile(name, bytes)            -> ParsedWorkbook (sheets with headers, rows, row numbers, warnings)
 *   policeUkKind(sheet.headers)       -> 'street' ? toCrimeEvents(sheet, ...) : policeUkRejection(...)
 *   findTemplates(saved, headers)     -> templates offered again; applyTemplate(t, headers)
 *   suggestMapping(headers, rows)     -> a proposed ImportMapping (+ why, per column)
 *   validateMapping(mapping, headers, rows) -> errors to fix (agency, ambiguous date columns...) and warnings
 *   buildImport(sheet, mapping, ctx)  -> items, entities (merged on exact identifiers within the file),
 *                                        links, quarantined rows with reasons, counts that add up
 *   matchKeysOf(entity)               -> exact-identifier keys, to find stored entities to attach to
 *
 * Modules: decode (bytes -> text), parseCsv / parseXlsx / parseFile (files -> sheets), sheet (headers,
 * blank rows, row numbers), dates (mixed formats, ambiguity), values (codes and words -> model values),
 * mapping (the model, suggestions, templates), buildRecords (rows -> records), policeUk (crime events).
 */
export * from './types';
export { decodeText, ENCODING_LABEL, type DecodedText } from './decode';
export { detectDelimiter, parseCsv, DELIMITERS, DELIMITER_LABEL, type CsvParse } from './parseCsv';
export { parseXlsx, excelDateText, excelNumberText } from './parseXlsx';
export { parseFile, sniffFormat } from './parseFile';
export { uniqueHeaders } from './sheet';
export * from './dates';
export * from './values';
export * from './mapping';
export * from './buildRecords';
export * from './policeUk';
