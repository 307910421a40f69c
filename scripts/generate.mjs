// Realistic generated postmortems for benchmarks: front matter, sections, bullet and table timelines,
// prose with stamps and durations. Deterministic for a given line count.
export function generatePostmortem(lines) {
  const out = [
    '---', 'title: Generated incident', 'date: 2024-03-04', 'severity: SEV2', '---', '',
    '# Checkout errors after a configuration rollout', '',
    'Duration: 4h25min', 'Time to detect: 12 minutes', '',
    '## Summary', '',
    'On March 4, 2024, from 19:19 to 23:44 UTC, shoppers saw errors at checkout after a configuration change.', '',
    '## Timeline', '', 'All times in UTC.', '',
  ];
  let minute = 19 * 60 + 19;
  let day = 4;
  let i = 0;
  const stamp = () => {
    const h = String(Math.floor(minute / 60)).padStart(2, '0');
    const m = String(minute % 60).padStart(2, '0');
    return `2024-${String(3 + Math.floor((day - 1) / 28)).padStart(2, '0')}-${String((day - 1) % 28 + 1).padStart(2, '0')} ${h}:${m}`;
  };
  while (out.length < lines - 12) {
    const kind = i % 10;
    if (kind < 5) out.push(`- [${stamp()} UTC] Errors rose on node ${i}; the on-call engineer was paged and looked at dashboards for ${i % 50 + 1} minutes.`);
    else if (kind < 8) out.push(`| ${stamp()} | Step ${i}: traffic shifted, p99 latency ${100 + (i % 400)} ms, 5xx rate ${(i % 7) / 10}% |`);
    else if (kind === 8) out.push('', `### Notes ${i}`, '', `At ${stamp().slice(11)} UTC the team rolled back build ${i} and watched recovery for 3 hours.`, '');
    else out.push(`  - follow-up detail ${i}: see https://example.com/runbooks/${i} and \`kubectl rollout undo\``);
    minute += 1;
    if (minute >= 24 * 60) {
      minute = 0;
      day++;
    }
    i++;
  }
  out.push('', '## Root cause', '', 'A configuration flag disabled the address cache.', '', '## Action items', '', '- Add a canary for configuration changes.', '- Alert on checkout 5xx above 1%.');
  return out.slice(0, lines).join('\n') + '\n';
}
