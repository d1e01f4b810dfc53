import { ProjectChanges } from '../storage/project.repository';
import { WorkshopChanges } from '../storage/workshop.repository';

/**
 * Reference data for local runs and demos (not secret, not for production): two projects of one
 * refurbisher and the workshops the simulator's events name.
 */
export const LOCAL_PROJECTS: readonly ProjectChanges[] = [
  { id: 'FR-01', company: 'Refurb Ledger Demo', country: 'FR' },
  { id: 'DE-01', company: 'Refurb Ledger Demo', country: 'DE' },
];

const SINCE = new Date('2020-01-01T00:00:00Z');

export const LOCAL_WORKSHOPS: readonly WorkshopChanges[] = [
  { id: 'ws-paris-01', name: 'Paris workshop', projectId: 'FR-01', validFrom: SINCE },
  { id: 'ws-lyon-01', name: 'Lyon workshop', projectId: 'FR-01', validFrom: SINCE },
  { id: 'ws-berlin-01', name: 'Berlin workshop', projectId: 'DE-01', validFrom: SINCE },
  { id: 'ws-hamburg-01', name: 'Hamburg workshop', projectId: 'DE-01', validFrom: SINCE },
];
