export * from './stream';
export * from './filters';
