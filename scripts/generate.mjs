// Realistic generated postmortems for benchmarks: front matter, a title block with stated durations,
// sections, day headings, bullet, bracketed and table timelines, prose with stamps, zones and durations,
// code blocks, links, and a few real problems (a stamp in Pacific time, EDT in winter or EST in summer, a
// missing zone, an impossible time, an entry out of order, a TODO, a wrong duration) so that rules report and fix.
// The mix is the same at every size: a long timeline runs past the start of daylight time, and its problems stay
// the same problems there. Deterministic for a given line count and seed; the same text for every tool compared.

/** A small deterministic PRNG (mulberry32). */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n) => String(n).padStart(2, '0');

/** Whether US daylight time is in effect at `t` (ms): from the second Sunday of March to the first of November, 2:00 local. */
function usDaylight(t) {
  const year = new Date(t).getUTCFullYear();
  const sunday = (month, nth) => {
    const first = new Date(Date.UTC(year, month, 1)).getUTCDay();
    return 1 + ((7 - first) % 7) + 7 * (nth - 1);
  };
  // 2:00 in Eastern time, the earliest of the US zones: close enough for a generator.
  return t >= Date.UTC(year, 2, sunday(2, 2), 7) && t < Date.UTC(year, 10, sunday(10, 1), 6);
}
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const SERVICES = ['checkout', 'payments-api', 'search', 'catalog', 'auth-gateway', 'orders', 'inventory', 'edge-proxy'];
const EVENTS = [
  'Errors rose on {svc}; the on-call engineer was paged',
  'Alert fired: {svc} p99 latency above 2 s',
  'The team noticed elevated 5xx on {svc} and began investigating',
  'Deployment of {svc} build {n} started',
  'Traffic shifted away from the affected zone',
  'Rolled back {svc} to the previous build',
  'Error rate back to normal on {svc}',
  'Database failover completed; replicas caught up',
  'Customer support reported checkout failures',
  'Cache warmed; hit rate recovered to 94%',
  'Incident commander posted an update on the status page',
  'Feature flag `address-cache` disabled for all tenants',
];
const PROSE = [
  'The {svc} service retried requests for {d} minutes before the circuit breaker opened, which amplified load on the database.',
  'We saw connection pool exhaustion on {svc} (max 200 connections) and queueing in front of it; see the dashboard for details.',
  'Engineers compared the config of build {n} with the previous one and found the cache TTL set to 0s instead of 300s.',
  'Rolling back took about {d} minutes because the deploy pipeline waits for health checks on every batch of pods.',
  'Customers in the EU region were affected first; other regions followed as caches expired over roughly 2 hours.',
  'During the incident the error budget for the month was consumed; the SLO for {svc} is 99.9% over 30 days.',
];

/** A postmortem of exactly `lines` lines (plus a final newline). */
export function generatePostmortem(lines, seed = 42) {
  const rnd = random(seed + lines);
  const pick = (list) => list[Math.floor(rnd() * list.length)];
  const fill = (template, n) => template.replace('{svc}', pick(SERVICES)).replace('{n}', String(1000 + n)).replace('{d}', String(2 + Math.floor(rnd() * 40)));
  // The timeline starts on 2024-02-12 19:19 UTC and moves forward a minute or more per entry.
  let t = Date.UTC(2024, 1, 12, 19, 19);
  const advance = () => {
    t += (1 + Math.floor(rnd() * 4)) * 60_000;
  };
  const d = () => new Date(t);
  const iso = () => { const x = d(); return `${x.getUTCFullYear()}-${pad(x.getUTCMonth() + 1)}-${pad(x.getUTCDate())}`; };
  const hm = () => { const x = d(); return `${pad(x.getUTCHours())}:${pad(x.getUTCMinutes())}`; };
  const start = d();

  const out = [
    '---',
    'title: Checkout errors after a configuration rollout',
    'date: 2024-02-12',
    'severity: SEV2',
    `start_time: ${iso()}T${hm()}:00Z`,
    'authors: [sre-team]',
    '---',
    '',
    '# Checkout errors after a configuration rollout',
    '',
    '| Field | Value |',
    '| --- | --- |',
    '| Status | Resolved |',
    '| Duration | 4h15min |',
    '| Time to detect | 12 minutes |',
    '| Impacted stores | All stores |',
    '',
    '## Summary',
    '',
    `On ${MONTHS[start.getUTCMonth()]} ${start.getUTCDate()}, ${start.getUTCFullYear()}, from 19:19 to 23:44 UTC, shoppers saw errors at checkout after a configuration change (see https://status.example.com/incidents/01HGB).`,
    'The change disabled the address cache; the database saturated and the **checkout** success rate fell to 61%. TODO: add revenue impact.',
    '',
    '**Impact:**',
    '',
    '- 38% of checkout attempts failed for seven hours and ten minutes in the worst region.',
    '- Support received 1,200 tickets; 5 MB of logs per second were dropped at 20:05.',
    '',
    '## Timeline',
    '',
    'All times in UTC.',
    '',
  ];
  const tail = [
    '',
    '## Root cause',
    '',
    'A configuration flag disabled the address cache. Version 2.17.3 of the config service shipped the default `ttl: 0`.',
    '',
    '```yaml',
    'address-cache:',
    '  ttl: 0 # was 300 before 2024-02-12 19:00',
    '```',
    '',
    '## Action items',
    '',
    '- [ ] Add a canary for configuration changes (owner: @sre, JIRA-1234).',
    '- [ ] Alert on checkout 5xx above 1% for 5 minutes.',
    '- [ ] Document the rollback runbook: https://wiki.example.com/runbooks/checkout#rollback',
  ];
  const budget = lines - tail.length;
  let day = '';
  let i = 0;
  const emit = (...rows) => {
    for (const row of rows) if (out.length < budget) out.push(row);
  };
  while (out.length < budget) {
    advance();
    if (iso() !== day) {
      day = iso();
      emit('', `### ${day}`, '');
    }
    const kind = i % 20;
    const event = fill(pick(EVENTS), i);
    if (kind < 7) emit(`- [${iso()} ${hm()} UTC] ${event}.`);
    else if (kind < 9) emit(`- ${hm()} UTC - ${event}; lasted for ${1 + (i % 30)} minutes.`);
    else if (kind === 9) {
      emit('', '| Time (UTC) | Event | Owner |', '| --- | --- | --- |');
      for (let r = 0; r < 4; r++) {
        advance();
        emit(`| ${iso()} ${hm()} | ${fill(pick(EVENTS), i + r)} | @oncall-${r} |`);
      }
      emit('');
    } else if (kind === 10) emit(`- **${hm()} UTC**: ${event}`, `  - follow-up detail ${i}: see https://grafana.example.com/d/abc?from=${t}&to=${t + 60000} and \`kubectl rollout undo deploy/${pick(SERVICES)}\``);
    else if (kind === 11) emit('', fill(pick(PROSE), i), '');
    else if (kind === 12) emit(`- [${iso()} ${hm()} UTC] ${event} (ticket #${4000 + i}, v2.${i % 30}.1, 10.0.${i % 255}.7).`);
    else if (kind === 13) {
      emit('', '```', `$ kubectl logs deploy/${pick(SERVICES)} --since=10m`, `${iso()}T${hm()}:07.123Z ERROR connection refused (pool=200)`, '```', '');
    } else if (kind === 14) emit(`- ${iso()} ${hm()}:00Z ${event}.`);
    else if (kind === 15) {
      // Every 20th entry one of the real problems, in turn.
      const problem = Math.floor(i / 20) % 8;
      const x = d();
      // Local clock times, so that the entries stay in order: Pacific time under its right name (a stamp not in UTC),
      // Eastern time under the wrong one for its date (EDT in winter, EST in summer).
      const daylight = usDaylight(t);
      const pst = new Date(t - (daylight ? 7 : 8) * 3600_000);
      const est = new Date(t - (daylight ? 4 : 5) * 3600_000);
      if (problem === 0) emit(`- ${MONTHS[pst.getUTCMonth()].slice(0, 3)} ${pst.getUTCDate()}, ${pad(pst.getUTCHours() % 12 || 12)}:${pad(pst.getUTCMinutes())} ${pst.getUTCHours() >= 12 ? 'PM' : 'AM'} ${daylight ? 'PDT' : 'PST'} - a customer in Seattle reported the issue.`);
      else if (problem === 1) emit(`- [${est.toISOString().slice(0, 10)} ${est.toISOString().slice(11, 16)} ${daylight ? 'EST' : 'EDT'}] ${event}.`);
      else if (problem === 2) emit(`- ${hm()} ${event} (no zone).`);
      else if (problem === 3) emit(`- [${iso()} 25:${pad(x.getUTCMinutes())} UTC] ${event}.`);
      else if (problem === 4) emit(`- [${iso()} ${pad(Math.max(0, x.getUTCHours() - 1))}:${pad(x.getUTCMinutes())} UTC] ${event} (late note).`);
      else if (problem === 5) emit(`- [${iso()} ${hm()} UTC] TODO: confirm with the database team.`);
      else if (problem === 6) emit(`- [${iso()} ${hm()} UTC] ${event}, from ${hm()} to ${pad((x.getUTCHours() + 23) % 24)}:${pad(x.getUTCMinutes())} UTC.`);
      else emit(`- [${iso()} ${hm()} UTC] ${event}; the partial outage lasted 4h 25m in total.`);
    } else if (kind === 16) emit(`- [${iso()} ${hm()} UTC] ${event}.`, `  Between ${hm()} UTC and ${pad((d().getUTCHours() + 1) % 24)}:${hm().slice(3)} UTC the queue drained at 1,600 msg/s.`);
    else if (kind === 17) emit(`- ${MONTHS[d().getUTCMonth()].slice(0, 3)} ${d().getUTCDate()}, ${d().getUTCFullYear()}, ${pad(d().getUTCHours() % 12 || 12)}:${pad(d().getUTCMinutes())} ${d().getUTCHours() >= 12 ? 'PM' : 'AM'} UTC — ${event}.`);
    else emit(`- [${iso()} ${hm()} UTC] ${event}.`);
    i++;
  }
  out.push(...tail);
  return out.slice(0, lines).join('\n') + '\n';
}

/** Many small postmortems for the CLI benchmark: each a few dozen lines, different seeds. */
export function generateSmallPostmortem(n) {
  return generatePostmortem(40 + (n % 5) * 10, n);
}
