// Environment variables read once at startup.
//   POSTMORTEM_NOW=2024-05-01T12:34:00Z  fixes the clock completion reads ("a stamp for now"), for tests and demos.
//   POSTMORTEM_TEST_CRASH_RULE=<rule>    test hook: that rule throws, to check the server survives a broken rule.
//   POSTMORTEM_TEST_WARMUP_ROUNDS=<n>    test hook: rounds of the warm-up (lsp/warmup.ts), to keep it going while tested.
import type { Rule } from '../core/rules';
import { withCrashingRule } from './analysis';
import { WARMUP_ROUNDS } from './warmup';

export interface Environment {
  now: () => Date;
  /** Rules to run instead of the registry. */
  rules?: readonly Rule[];
  warmupRounds: number;
  /** Variables that were set but unusable, to log once the client listens. */
  problems: string[];
}

export function readEnvironment(env: NodeJS.ProcessEnv): Environment {
  const problems: string[] = [];
  let now = () => new Date();
  if (env.POSTMORTEM_NOW) {
    const fixed = Date.parse(env.POSTMORTEM_NOW);
    if (Number.isNaN(fixed)) problems.push(`POSTMORTEM_NOW=${env.POSTMORTEM_NOW} is not an ISO 8601 date and time; using the system clock.`);
    else now = () => new Date(fixed);
  }
  let warmupRounds = WARMUP_ROUNDS;
  if (env.POSTMORTEM_TEST_WARMUP_ROUNDS) {
    const rounds = Number(env.POSTMORTEM_TEST_WARMUP_ROUNDS);
    if (Number.isInteger(rounds) && rounds > 0) warmupRounds = rounds;
    else problems.push(`POSTMORTEM_TEST_WARMUP_ROUNDS=${env.POSTMORTEM_TEST_WARMUP_ROUNDS} is not a positive integer; using ${WARMUP_ROUNDS}.`);
  }
  const crash = env.POSTMORTEM_TEST_CRASH_RULE;
  return { now, rules: crash ? withCrashingRule(crash) : undefined, warmupRounds, problems };
}
