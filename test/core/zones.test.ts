// Zones as written resolved to offsets, and zone declarations: the sign of an offset is +, - or the minus sign only.
import assert from 'node:assert/strict';
import { findZoneDeclaration, resolveZone } from '../../server/src/core/zones';

const offsetOf = (text: string) => resolveZone(text)?.zone.offset(0);

describe('resolveZone: fixed offsets', () => {
  it('reads +, - and the minus sign (U+2212) as signs', () => {
    assert.equal(offsetOf('UTC+5'), 300);
    assert.equal(offsetOf('UTC-2'), -120);
    assert.equal(offsetOf('UTC\u22122'), -120);
    assert.equal(offsetOf('GMT+05:30'), 330);
  });

  // A character class written `[+-\u2212]` is a range from "+" to U+2212: it took ".", "," and digits for a minus.
  it('reads no other character as a sign', () => {
    for (const text of ['UTC.2', 'UTC,2', 'UTC12', 'UTC/2', 'UTC:2']) assert.equal(resolveZone(text), null, text);
  });
});

describe('findZoneDeclaration', () => {
  it('declares an offset written with a sign', () => {
    const found = findZoneDeclaration('All times in UTC-7.');
    assert.equal(found?.zone.zone.offset(0), -420);
    assert.deepEqual([found?.start, found?.end], [13, 18]);
  });

  it('declares UTC when a period and a digit follow it, not an offset', () => {
    const found = findZoneDeclaration('Times are UTC.2 regions were affected.');
    assert.equal(found?.zone.isUtc, true);
    assert.deepEqual([found?.start, found?.end], [10, 13]);
  });
});
