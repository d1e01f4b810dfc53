import { DeviceCategory } from '@refurb/contracts';

const DIGITS = '0123456789';
const ALPHANUMERIC = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
/** Apple and Dell leave out letters that read like digits. */
const UNAMBIGUOUS = '0123456789BCDFGHJKLMNPQRSTVWXYZ';

/** A manufacturer's serial number layout: fixed prefix, then `width` characters of `alphabet`. */
export interface SerialFormat {
  prefix: string;
  alphabet: string;
  width: number;
}

export type DeviceIdentity =
  | {
      kind: 'imei';
      /** Type Allocation Codes (the first 8 IMEI digits) plausible for the model. */
      tacs: readonly string[];
    }
  | {
      kind: 'serial';
      /** Lower-case brand of `serial:<brand>:<serial>`. */
      brandSlug: string;
      format: SerialFormat;
    };

export interface DeviceModel {
  category: DeviceCategory;
  brand: string;
  model: string;
  /** Relative share within its category. */
  weight: number;
  identity: DeviceIdentity;
}

/** Share of the collected devices per category: phones dominate refurbishment volumes. */
export const CATEGORY_WEIGHTS: Readonly<Record<DeviceCategory, number>> = {
  smartphone: 62,
  tablet: 10,
  laptop: 15,
  desktop: 4,
  monitor: 5,
  console: 4,
};

const imei = (...tacs: string[]): DeviceIdentity => ({ kind: 'imei', tacs });
const serial = (brandSlug: string, prefix: string, alphabet: string, width: number): DeviceIdentity => ({
  kind: 'serial',
  brandSlug,
  format: { prefix, alphabet, width },
});

const APPLE_SERIAL = serial('apple', '', UNAMBIGUOUS, 10);
const DELL_SERVICE_TAG = serial('dell', '', UNAMBIGUOUS, 7);

// One model per line keeps the catalogue reviewable.
// prettier-ignore
const DEVICE_MODELS: readonly DeviceModel[] = [
  { category: 'smartphone', brand: 'Apple', model: 'iPhone 11', weight: 12, identity: imei('35391110', '35284711') },
  { category: 'smartphone', brand: 'Apple', model: 'iPhone 12', weight: 11, identity: imei('35332509', '35304011') },
  { category: 'smartphone', brand: 'Apple', model: 'iPhone 13', weight: 10, identity: imei('35467111', '35467211') },
  { category: 'smartphone', brand: 'Apple', model: 'iPhone 14', weight: 5, identity: imei('35066572') },
  { category: 'smartphone', brand: 'Apple', model: 'iPhone SE (2020)', weight: 6, identity: imei('35698810') },
  { category: 'smartphone', brand: 'Samsung', model: 'Galaxy S21', weight: 8, identity: imei('35194911', '35093111') },
  { category: 'smartphone', brand: 'Samsung', model: 'Galaxy S22', weight: 6, identity: imei('35053218') },
  { category: 'smartphone', brand: 'Samsung', model: 'Galaxy A52', weight: 8, identity: imei('35219331') },
  { category: 'smartphone', brand: 'Samsung', model: 'Galaxy A12', weight: 6, identity: imei('35122111') },
  { category: 'smartphone', brand: 'Google', model: 'Pixel 6', weight: 3, identity: imei('35327410') },
  { category: 'smartphone', brand: 'Google', model: 'Pixel 7', weight: 3, identity: imei('35569813') },
  { category: 'smartphone', brand: 'Xiaomi', model: 'Redmi Note 10', weight: 5, identity: imei('86297105') },
  { category: 'smartphone', brand: 'Xiaomi', model: 'Redmi Note 11', weight: 4, identity: imei('86445205') },
  { category: 'smartphone', brand: 'Huawei', model: 'P30', weight: 2, identity: imei('86712304') },
  { category: 'smartphone', brand: 'Fairphone', model: 'Fairphone 4', weight: 1, identity: imei('35150825') },
  { category: 'tablet', brand: 'Apple', model: 'iPad (9th generation) Wi-Fi', weight: 10, identity: APPLE_SERIAL },
  { category: 'tablet', brand: 'Apple', model: 'iPad (9th generation) Wi-Fi + Cellular', weight: 4, identity: imei('35377111') },
  { category: 'tablet', brand: 'Samsung', model: 'Galaxy Tab S7', weight: 4, identity: serial('samsung', 'R52', ALPHANUMERIC, 8) },
  { category: 'tablet', brand: 'Samsung', model: 'Galaxy Tab S7 LTE', weight: 2, identity: imei('35271711') },
  { category: 'tablet', brand: 'Lenovo', model: 'Tab P11', weight: 3, identity: serial('lenovo', 'HA', ALPHANUMERIC, 6) },
  { category: 'laptop', brand: 'Lenovo', model: 'ThinkPad T14 Gen 2', weight: 8, identity: serial('lenovo', 'PF', ALPHANUMERIC, 6) },
  { category: 'laptop', brand: 'Lenovo', model: 'ThinkPad X1 Carbon Gen 9', weight: 4, identity: serial('lenovo', 'PF', ALPHANUMERIC, 6) },
  { category: 'laptop', brand: 'Dell', model: 'Latitude 5420', weight: 7, identity: DELL_SERVICE_TAG },
  { category: 'laptop', brand: 'HP', model: 'EliteBook 840 G8', weight: 6, identity: serial('hp', '5CG', ALPHANUMERIC, 7) },
  { category: 'laptop', brand: 'Apple', model: 'MacBook Air (M1, 2020)', weight: 7, identity: APPLE_SERIAL },
  { category: 'laptop', brand: 'Apple', model: 'MacBook Pro 13" (2020)', weight: 3, identity: APPLE_SERIAL },
  { category: 'desktop', brand: 'Dell', model: 'OptiPlex 7080', weight: 5, identity: DELL_SERVICE_TAG },
  { category: 'desktop', brand: 'HP', model: 'ProDesk 400 G7', weight: 4, identity: serial('hp', 'CZC', ALPHANUMERIC, 7) },
  { category: 'desktop', brand: 'Lenovo', model: 'ThinkCentre M720q', weight: 4, identity: serial('lenovo', 'MJ0', ALPHANUMERIC, 5) },
  { category: 'desktop', brand: 'Apple', model: 'iMac 24" (M1)', weight: 2, identity: APPLE_SERIAL },
  { category: 'monitor', brand: 'Dell', model: 'P2422H', weight: 5, identity: serial('dell', 'CN0', ALPHANUMERIC, 12) },
  { category: 'monitor', brand: 'Samsung', model: 'S24R350', weight: 3, identity: serial('samsung', 'H4ZR', ALPHANUMERIC, 10) },
  { category: 'monitor', brand: 'LG', model: '27UL500', weight: 3, identity: serial('lg', '2', DIGITS, 11) },
  { category: 'monitor', brand: 'HP', model: 'E24 G4', weight: 3, identity: serial('hp', 'CNK', ALPHANUMERIC, 7) },
  { category: 'console', brand: 'Sony', model: 'PlayStation 4 Slim', weight: 4, identity: serial('sony', 'MB', ALPHANUMERIC, 10) },
  { category: 'console', brand: 'Sony', model: 'PlayStation 5', weight: 3, identity: serial('sony', 'E', ALPHANUMERIC, 11) },
  { category: 'console', brand: 'Nintendo', model: 'Switch', weight: 5, identity: serial('nintendo', 'XAW', DIGITS, 11) },
  { category: 'console', brand: 'Microsoft', model: 'Xbox One S', weight: 2, identity: serial('microsoft', '', DIGITS, 12) },
];

export function modelsOf(category: DeviceCategory): DeviceModel[] {
  return DEVICE_MODELS.filter((model) => model.category === category);
}
