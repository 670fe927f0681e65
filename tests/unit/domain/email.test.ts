import { describe, expect, it } from 'vitest';
import { normaliseEmail } from '../../../src/domain/email';

describe('normaliseEmail', () => {
  it.each([
    ['wang@example.com', 'wang@example.com'],
    ['Wang@Example.COM', 'wang@example.com'],
    ['  Foo.Bar@Example.COM\t', 'foo.bar@example.com'],
    ['user+tag@example.com', 'user+tag@example.com'],
    ['first.last@sub.example.co.uk', 'first.last@sub.example.co.uk'],
    ['a@b.co', 'a@b.co'],
  ])('%j -> %j', (raw, expected) => {
    expect(normaliseEmail(raw)).toBe(expected);
  });

  it.each(['', '   ', 'wang', 'wang@', '@example.com', 'wang@example', 'wang@@example.com', 'wang @example.com', 'wang@exa mple.com', 'wang@example..com'])(
    '%j is not an address',
    (raw) => {
      expect(normaliseEmail(raw)).toBeNull();
    },
  );

  it('is idempotent', () => {
    const once = normaliseEmail(' Mixed.Case@Example.Com ')!;
    expect(normaliseEmail(once)).toBe(once);
  });
});
