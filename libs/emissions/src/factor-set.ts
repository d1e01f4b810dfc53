import {
  DEVICE_CATEGORIES,
  DeviceCategory,
  PART_NAMES,
  PartName,
  TRANSPORT_MODES,
  TransportMode,
} from '@refurb/contracts';
import { EmissionsException } from './emissions.exception';

export const BASIS_POINTS = 10_000;

/** Per-category factors of RL-REFURB-1, integer grams CO2e (docs/methodology.md#category-factors). */
export interface CategoryFactors {
  readonly massG: number;
  /** Manufacture of a new device. */
  readonly newG: number;
  /** Light refurbishment of a used device. */
  readonly lightG: number;
  /** End-of-life treatment of the used device, avoided by giving it a new life. */
  readonly eolG: number;
  /** Share of refurbished devices already in the market mix, in basis points (0..10000). */
  readonly refurbishedShareBp: number;
}

/** Versions are immutable once used: a change of any figure is a new `version`. */
export interface FactorSet {
  readonly version: string;
  readonly categories: Readonly<Record<DeviceCategory, CategoryFactors>>;
  /** An absent part does not exist for the category, and an event naming it is rejected. */
  readonly parts: Readonly<Record<DeviceCategory, Readonly<Partial<Record<PartName, number>>>>>;
  readonly transportGPerTkm: Readonly<Record<TransportMode, number>>;
}

const CATEGORY_FACTOR_KEYS = ['massG', 'newG', 'lightG', 'eolG', 'refurbishedShareBp'] as const;

function invalid(message: string): EmissionsException {
  return new EmissionsException('EMISSIONS.INVALID_FACTOR_SET', message);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Throws EMISSIONS.INVALID_FACTOR_SET unless `value` is a non-negative safe integer. */
export function assertFactorValue(value: unknown, path: string): asserts value is number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw invalid(`${path} must be a non-negative safe integer, got ${String(value)}`);
  }
}

function assertExactKeys(record: Record<string, unknown>, allowed: readonly string[], path: string): void {
  const unknown = Object.keys(record).filter((key) => !allowed.includes(key));
  if (unknown.length > 0) {
    throw invalid(`${path} has unknown keys: ${unknown.join(', ')}`);
  }
}

function assertCategories(categories: unknown): void {
  if (!isRecord(categories)) throw invalid('categories must be an object');
  assertExactKeys(categories, DEVICE_CATEGORIES, 'categories');
  for (const category of DEVICE_CATEGORIES) {
    const factors = categories[category];
    if (!isRecord(factors)) throw invalid(`categories.${category} is missing`);
    for (const key of CATEGORY_FACTOR_KEYS) {
      assertFactorValue(factors[key], `categories.${category}.${key}`);
    }
    if ((factors.refurbishedShareBp as number) > BASIS_POINTS) {
      throw invalid(`categories.${category}.refurbishedShareBp must be at most ${BASIS_POINTS}`);
    }
  }
}

function assertParts(parts: unknown): void {
  if (!isRecord(parts)) throw invalid('parts must be an object');
  assertExactKeys(parts, DEVICE_CATEGORIES, 'parts');
  for (const category of DEVICE_CATEGORIES) {
    const byPart = parts[category];
    if (!isRecord(byPart)) throw invalid(`parts.${category} is missing`);
    // An unknown key is almost certainly a typo that would silently make a real part "absent".
    assertExactKeys(byPart, PART_NAMES, `parts.${category}`);
    for (const [part, grams] of Object.entries(byPart)) {
      assertFactorValue(grams, `parts.${category}.${part}`);
    }
  }
}

function assertTransport(transport: unknown): void {
  if (!isRecord(transport)) throw invalid('transportGPerTkm must be an object');
  assertExactKeys(transport, TRANSPORT_MODES, 'transportGPerTkm');
  for (const mode of TRANSPORT_MODES) {
    assertFactorValue(transport[mode], `transportGPerTkm.${mode}`);
  }
}

/**
 * Checks a factor set loaded from configuration or a database before it is used or stored.
 * Throws EmissionsException with code EMISSIONS.INVALID_FACTOR_SET.
 */
export function assertValidFactorSet(value: unknown): asserts value is FactorSet {
  if (!isRecord(value)) throw invalid('a factor set must be an object');
  if (typeof value.version !== 'string' || value.version.trim() === '') {
    throw invalid('version must be a non-empty string');
  }
  assertCategories(value.categories);
  assertParts(value.parts);
  assertTransport(value.transportGPerTkm);
}
