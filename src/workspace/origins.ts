/** Transaction origins let listeners tell a person's edit from a load or a peer's update. */
export const LOCAL_ORIGIN = Symbol('kehu:local');
export const LOAD_ORIGIN = Symbol('kehu:load');
export const FILE_ORIGIN = Symbol('kehu:file');
