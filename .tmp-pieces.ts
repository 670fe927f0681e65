export * as Y from 'yjs';
export { generateSampleWorkspace } from './src/domain/sample-data';
export * as customers from './src/workspace/customer-commands';
export { Workspace } from './src/workspace/workspace';
export { statePieces } from './src/workspace/state-pieces';
