import { CreateNaiveSchema1764604800000 } from './1764604800000-create-naive-schema';

/** Append-only: a landed migration is never edited, only followed by a new one. */
export const NAIVE_MIGRATIONS = [CreateNaiveSchema1764604800000];
