// class-transformer keeps the metadata of its @Type() decorators in this module; it ships
// the types (types/storage.d.ts) without declaring the CommonJS path.
declare module 'class-transformer/cjs/storage.js' {
  export { defaultMetadataStorage } from 'class-transformer/types/storage';
}
