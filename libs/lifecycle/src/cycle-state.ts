/**
 * Where a cycle stands, derived from its events' occurrence times only. Listed from least to most
 * advanced; `recycled` and `blocked` override the progress states (see `assessCycle`).
 *
 * - `collected`: a collection and nothing else that moves the device on.
 * - `in-workshop`: diagnosed or repaired (or refurbished without an erasure certificate), not yet refurbished.
 * - `refurbished`: refurbished with an erasure certificate, no uncancelled resale (includes "returned, back in stock").
 * - `pending-evidence`: resold but the collection or a refurbishment at or before the resale is missing;
 *   also every collection-less window. It becomes eligible when the missing events arrive.
 * - `eligible`: carries a credit (`DeviceCycle.credit`).
 * - `recycled`: ended by `device.recycled`; never credited.
 * - `blocked`: evidence we cannot accept (a repaired part that does not exist for the category); never credited
 *   until the evidence is fixed.
 */
export const CYCLE_STATES = [
  'collected',
  'in-workshop',
  'refurbished',
  'pending-evidence',
  'eligible',
  'recycled',
  'blocked',
] as const;
export type CycleState = (typeof CYCLE_STATES)[number];
