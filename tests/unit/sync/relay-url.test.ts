import { describe, expect, it } from 'vitest';
import { relayUrlProblem } from '../../../src/sync/relay-url';

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
