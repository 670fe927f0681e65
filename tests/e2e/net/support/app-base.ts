/** The path the plain static host serves the built app under, as a team would host it (https://example.org/kehu/). */
export const APP_BASE = '/kehu/';
