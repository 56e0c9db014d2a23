export * from './board-stack';
export * from './bundle';
export * from './paths';
export * from './planning-board';
export * from './stage';
