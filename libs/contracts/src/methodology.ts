/**
 * The avoided-emissions methodology every credit record names (docs/methodology.md). Part of the wire
 * contract: issuance refuses a record computed under any other.
 */
export const METHODOLOGY = 'RL-REFURB-1';
export type Methodology = typeof METHODOLOGY;
