export * from './frames';
export * from './sync-url';
export * from './websocket-polyfill';
export * from './close-codes';
