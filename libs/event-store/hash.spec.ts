import canonicalize from 'canonicalize';
import { canonicalContent, chainHash, contentDigest, isoToMicros, microsToIso } from './hash';

describe('the canonical encoding (docs/event-hash.md)', () => {
  const content = {
    eventId: '0b5d2c4e-8f1a-4c3b-9d2e-7a6b5c4d3e2f',
    streamName: 'residence-permit-w1',
    type: 'PermitIssued',
    schemaVersion: 2,
    data: { validUntil: '2027-02-28', z: [3, 1.5, 'é'], a: { y: null, b: true } },
    metadata: { actor: { principal: 'clerk-7', department: 'public-security' }, correlationId: 'c', causationId: null },
  };

  it('assembles the same bytes as canonicalising the whole content object (RFC 8785)', () => {
    const whole = canonicalize({
      data: content.data,
      eventId: content.eventId,
      metadata: content.metadata,
      schemaVersion: content.schemaVersion,
      stream: content.streamName,
      type: content.type,
    });
    expect(canonicalContent(content).toString('utf8')).toBe(whole);
  });

  it('does not depend on key order or white space in what the writer sent', () => {
    const reordered = { ...content, data: JSON.parse('{ "z": [3, 1.5, "é"], "a": {"b": true, "y": null}, "validUntil": "2027-02-28" }') };
    expect(contentDigest(reordered).equals(contentDigest(content))).toBe(true);
  });

  it('chains format 1 as SHA-256(0x01 ‖ prev ‖ revision ‖ recordedAt µs ‖ content digest)', () => {
    const digest = contentDigest(content);
    const first = chainHash(null, 0, 1_700_000_000_123_456n, digest);
    const second = chainHash(first, 1, 1_700_000_000_123_456n, digest);
    expect(first).toHaveLength(32);
    expect(second.equals(first)).toBe(false);
    expect(chainHash(null, 0, 1_700_000_000_123_457n, digest).equals(first)).toBe(false);
  });

  it('keeps microseconds through ISO text', () => {
    const micros = 1_700_000_000_123_456n;
    expect(microsToIso(micros)).toBe('2023-11-14T22:13:20.123456Z');
    expect(isoToMicros(microsToIso(micros))).toBe(micros);
  });
});
