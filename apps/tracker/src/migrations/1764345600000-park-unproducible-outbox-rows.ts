import { parkUnproducibleOutboxRowsMigration } from '@refurb/kafka';

export const ParkUnproducibleOutboxRows1764345600000 = parkUnproducibleOutboxRowsMigration('tracker');
