import assert from 'node:assert/strict';
import { chooseMilestones, evidenceFor } from '../../server/src/core/milestones';
import { DocumentMemo, MemoKey } from '../../server/src/core/memo';
import { parse } from '../../server/src/core/parse';

describe('document memo', () => {
  it('computes a value once, on first use, and keeps undefined too', () => {
    const memo = new DocumentMemo();
    const count = new MemoKey<number>();
    const none = new MemoKey<undefined>();
    let computed = 0;
    assert.equal(memo.get(count, () => ++computed), 1);
    assert.equal(memo.get(count, () => ++computed), 1);
    assert.equal(memo.get(none, () => void computed++), undefined);
    assert.equal(memo.get(none, () => void computed++), undefined);
    assert.equal(computed, 2);
  });

  it('keeps what rules derive from a document on that document only', () => {
    const text = '# Outage\n\n## Timeline\n\n- 10:00 UTC errors rose\n- 10:20 UTC rolled back\n';
    const first = parse(text);
    const second = parse(text.replace('10:20', '10:25'));
    assert.equal(evidenceFor(first, 'mitigated'), evidenceFor(first, 'mitigated'));
    assert.notEqual(evidenceFor(first, 'mitigated'), evidenceFor(second, 'mitigated'));
    assert.equal(chooseMilestones(first).mitigated?.stamp.parts.text, '10:20 UTC');
    assert.equal(chooseMilestones(second).mitigated?.stamp.parts.text, '10:25 UTC');
    // A copy to change, not the memo's own.
    chooseMilestones(first).mitigated = undefined;
    assert.ok(chooseMilestones(first).mitigated);
  });
});
