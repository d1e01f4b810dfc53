// class-transformer types its metadata storage under types/ but ships the module under cjs/.
declare module 'class-transformer/cjs/storage' {
  export { defaultMetadataStorage } from 'class-transformer/types/storage';
}
