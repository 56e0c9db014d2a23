export * from './frames';
export * from './sync-url';
export * from './websocket-polyfill';
