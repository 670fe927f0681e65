/** The search core: pure TypeScript for a Web Worker (no DOM, storage or CRDT). See docs/search.md. */
export { SearchIndex, addInSlices, DEFAULT_LIMIT, SEARCH_INDEX_VERSION, type CustomerMatches, type SearchHit, type SearchResult, type SearchOptions, type SearchIndexJson, type SliceOptions } from './search-index';
export { customerSearchDoc, contactSearchDoc, searchFields, type SearchDoc, type SearchField } from './search-doc';
export { highlightRanges, type Range } from './highlight';
export { parseQuery, type ParsedQuery, type QueryToken } from './query';
