import { DataSource } from 'typeorm';
import { done, integerOption, IssuanceCommand } from '../command-line';
import { PlacePendingHandler } from '../place-credit-lines/place-pending.handler';
import { UnplacedLinesQuery } from './unplaced-lines.query';

const DEFAULT_LIMIT = 100;

export const UNPLACED_COMMANDS: IssuanceCommand[] = [
  {
    name: 'unplaced list',
    usage: '[--limit <n>]',
    async run(app, { options }) {
      const limit = integerOption(options.limit) ?? DEFAULT_LIMIT;
      return done(await app.get(UnplacedLinesQuery).list(app.get(DataSource).manager, limit));
    },
  },
  {
    name: 'place-pending',
    usage: '',
    run: async (app) => done(await app.get(PlacePendingHandler).placePending()),
  },
];
