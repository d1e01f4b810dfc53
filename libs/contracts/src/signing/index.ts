export * from './record-signature';
