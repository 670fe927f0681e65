/**
 * Whether this page may use what sync and offline use need. A page opened over plain http from a
 * network address (a teammate's phone at http://192.168.1.20:8420/) is not a secure context: the
 * browser hides crypto.subtle (the workspace keys), service workers (offline use, install) and the
 * clipboard. Sync would fail in the console; instead it is not started, and the UI says why and what
 * to do. Everything else (customers, lists, search, CSV) works there.
 */
export interface SecureContextCheck {
  secure: boolean;
  /** Where the page came from as a person would type it again with https, e.g. "192.168.1.20:8420". */
  host: string;
  /** The same page's address with https instead of http (no #route), to suggest. */
  httpsUrl: string;
}

interface PageEnvironment {
  isSecureContext?: boolean;
  crypto?: { subtle?: unknown };
  location?: { host: string; pathname: string };
}

export function checkSecureContext(env: PageEnvironment): SecureContextCheck {
  const location = env.location;
  const host = location?.host ?? '';
  const httpsUrl = location ? `https://${host}${location.pathname}` : '';
  // Without a window (unit tests, workers) nothing is hidden: only a page can be opened insecurely.
  if (!location) return { secure: true, host, httpsUrl };
  const secure = env.isSecureContext !== false && Boolean(env.crypto?.subtle);
  return { secure, host, httpsUrl };
}

let checked: SecureContextCheck | null = null;

/** This page's check, made once: a page cannot become a secure context without being opened again. */
export function secureContext(): SecureContextCheck {
  checked ??= checkSecureContext(globalThis as PageEnvironment);
  return checked;
}
