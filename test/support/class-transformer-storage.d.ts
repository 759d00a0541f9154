// class-transformer keeps its @Type() metadata in this (untyped) module; the id-field discovery reads it.
declare module 'class-transformer/cjs/storage' {
  export const defaultMetadataStorage: {
    findTypeMetadata(target: object, propertyName: string): { typeFunction(): unknown } | undefined;
  };
}
