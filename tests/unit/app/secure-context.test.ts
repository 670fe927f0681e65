import { describe, expect, it } from 'vitest';
import { checkSecureContext } from '../../../src/app/secure-context';

const subtle = {};

describe('checkSecureContext', () => {
  it('a page over plain http from a network address is not secure, and https on the same address is suggested', () => {
    const check = checkSecureContext({ isSecureContext: false, crypto: {}, location: { host: '192.168.1.20:8420', pathname: '/kehu/' } });
    expect(check).toEqual({ secure: false, host: '192.168.1.20:8420', httpsUrl: 'https://192.168.1.20:8420/kehu/' });
  });

  it('https, or localhost over http, is secure when crypto.subtle is there', () => {
    expect(checkSecureContext({ isSecureContext: true, crypto: { subtle }, location: { host: 'kehu.example', pathname: '/' } }).secure).toBe(true);
    expect(checkSecureContext({ isSecureContext: true, crypto: { subtle }, location: { host: 'localhost:8420', pathname: '/' } }).secure).toBe(true);
  });

  it('a browser that calls the page secure but has no crypto.subtle cannot sync either', () => {
    expect(checkSecureContext({ isSecureContext: true, crypto: {}, location: { host: 'kehu.example', pathname: '/' } }).secure).toBe(false);
  });

  it('without a page (Node, a worker) nothing is hidden', () => {
    expect(checkSecureContext({ crypto: { subtle } }).secure).toBe(true);
  });
});
