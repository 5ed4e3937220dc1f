export * from './topics';
export * from './parse';
export * from './stream';
