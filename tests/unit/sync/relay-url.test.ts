import { describe, expect, it } from 'vitest';
import { defaultRelayUrl, relayUrlProblem } from '../../../src/sync/relay-url';

describe('relay addresses', () => {
  it.each<[string, string, string | null]>([
    ['ws://192.168.1.20:8420/signal', 'http:', null],
    ['wss://relay.example.org/signal', 'https:', null],
    ['ws://localhost:8420/signal', 'https:', 'errors.relayInsecure'],
    ['ws://a b', 'http:', 'errors.relayInvalid'],
    ['ws://host:99999/signal', 'http:', 'errors.relayInvalid'],
    ['http://example.org/signal', 'http:', 'errors.relayInvalid'],
    ['relay.example.org', 'http:', 'errors.relayInvalid'],
    ['', 'http:', 'errors.relayInvalid'],
  ])('%s from an %s page → %s', (url, protocol, expected) => {
    expect(relayUrlProblem(url, protocol)).toBe(expected);
  });
});

describe('the default relay follows the page', () => {
  it.each([
    ['http://localhost:8420/', 'ws://localhost:8420/signal'],
    ['http://localhost:8420/#/customers', 'ws://localhost:8420/signal'],
    ['https://example.org/kehu/', 'wss://example.org/kehu/signal'],
    ['https://example.org/kehu/index.html?x=1#/join/a/b/c', 'wss://example.org/kehu/signal'],
    ['https://team.github.io/kehu/', 'wss://team.github.io/kehu/signal'],
    ['https://[fd00::20]:8420/', 'wss://[fd00::20]:8420/signal'],
  ])('%s → %s', (page, relay) => {
    expect(defaultRelayUrl(page)).toBe(relay);
  });
});
