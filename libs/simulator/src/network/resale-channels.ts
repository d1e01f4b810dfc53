import { WorkshopCountry } from './workshops';

export interface ResaleChannel {
  /** The `channel` of `device.resold`. */
  id: string;
  /** Sender of the channel's events (kafkaNativeSource; `partners/<partnerId>` via the gateway). */
  partnerId: string;
  /** Prefix of the channel's order numbers. */
  orderPrefix: string;
  /** Share of each workshop country's sales that goes through this channel. */
  shareFrom: Readonly<Record<WorkshopCountry, number>>;
  /** Where the buyers live, by workshop country (ISO 3166-1 alpha-2 and relative weight). */
  buyers: Readonly<Record<WorkshopCountry, readonly (readonly [string, number])[]>>;
}

export const RESALE_CHANNELS: readonly ResaleChannel[] = [
  {
    id: 'backmarket',
    partnerId: 'backmarket-fr',
    orderPrefix: 'BM',
    shareFrom: { FR: 0.55, DE: 0.25 },
    buyers: {
      FR: [
        ['FR', 70],
        ['BE', 8],
        ['ES', 8],
        ['IT', 8],
        ['NL', 3],
        ['PT', 3],
      ],
      DE: [
        ['DE', 75],
        ['AT', 10],
        ['NL', 8],
        ['BE', 4],
        ['FR', 3],
      ],
    },
  },
  {
    id: 'refurbed',
    partnerId: 'refurbed',
    orderPrefix: 'RFB',
    shareFrom: { FR: 0.1, DE: 0.45 },
    buyers: {
      FR: [
        ['FR', 60],
        ['IT', 20],
        ['AT', 10],
        ['IE', 10],
      ],
      DE: [
        ['DE', 65],
        ['AT', 20],
        ['PL', 5],
        ['SE', 5],
        ['DK', 5],
      ],
    },
  },
  {
    id: 'own-webshop',
    partnerId: 'webshop',
    orderPrefix: 'WEB',
    shareFrom: { FR: 0.2, DE: 0.15 },
    buyers: {
      FR: [
        ['FR', 90],
        ['BE', 6],
        ['LU', 2],
        ['MC', 2],
      ],
      DE: [
        ['DE', 88],
        ['AT', 8],
        ['CH', 4],
      ],
    },
  },
  {
    id: 'b2b-remarketing',
    partnerId: 'remarketing',
    orderPrefix: 'B2B',
    shareFrom: { FR: 0.15, DE: 0.15 },
    buyers: {
      FR: [
        ['FR', 85],
        ['BE', 10],
        ['SN', 5],
      ],
      DE: [
        ['DE', 90],
        ['CZ', 5],
        ['PL', 5],
      ],
    },
  },
];

/** Why buyers send devices back, in the language of the shop they bought from. */
export const RETURN_REASONS: Readonly<Record<WorkshopCountry, readonly string[]>> = {
  FR: [
    'Écran défectueux',
    'Batterie qui se décharge trop vite',
    'Ne correspond pas à la description',
    'Rétractation',
    'Rayures non signalées',
  ],
  DE: ['Akku hält nicht', 'Widerruf', 'Kratzer auf dem Display', 'Lautsprecher defekt', 'Falscher Artikel'],
};
