import sirv from 'sirv';

/** Files that must never be served stale: they decide which version of the app runs. */
const ALWAYS_REVALIDATE = /(?:^|\/)(?:sw\.js|index\.html|manifest\.webmanifest|registerSW\.js)$/;

/**
 * Serves the built app from `dir` with an SPA fallback. Hashed assets are cached for a year;
 * the service worker and the HTML shell are revalidated so updates are noticed.
 * @param {string} dir
 */
export function staticHandler(dir) {
  return sirv(dir, {
    single: true,
    etag: true,
    gzip: false,
    brotli: false,
    setHeaders(res, pathname) {
      if (ALWAYS_REVALIDATE.test(pathname) || pathname === '/') {
        res.setHeader('Cache-Control', 'no-cache');
      } else if (pathname.startsWith('/assets/')) {
        res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
      }
      res.setHeader('X-Content-Type-Options', 'nosniff');
    },
  });
}
