export * from './local-stack';
export * from './gateway';
export * from './embedded-dynamodb';
export * from './static-files';
export * from './start-links';
export * from './gateway-connections';
export * from './in-process-dynamodb';
export * from './engine-document-client';
export { SEED_AUTHOR, SEED_BOARD_ID } from './seed';
