/** The one policy: roles, rights, who may write what, refusals, and its enforcement (close codes: @binhan/transport). */
export * from './roles';
export * from './write-rules';
export * from './refusals';
export * from './board-write-guard';
