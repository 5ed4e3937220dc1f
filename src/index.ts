/**
 * The package's programmatic entry: the camera client (framework-free) and the
 * emulator. Node-RED loads the nodes through package.json's "node-red" section.
 */
export * from './client';
export * as emulator from './emulator';
