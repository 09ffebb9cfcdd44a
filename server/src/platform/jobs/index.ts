export * from './maintenance.js';
export * from './queue.js';
export * from './worker.js';
