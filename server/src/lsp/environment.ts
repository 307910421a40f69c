// Environment variables read once at startup.
//   POSTMORTEM_NOW=2024-05-01T12:34:00Z  fixes the clock completion reads ("a stamp for now"), for tests and demos.
//   POSTMORTEM_TEST_CRASH_RULE=<rule>    test hook: that rule throws, to check the server survives a broken rule.
import type { Rule } from '../core/rules';
import { withCrashingRule } from './analysis';

export interface Environment {
  now: () => Date;
  /** Rules to run instead of the registry. */
  rules?: readonly Rule[];
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
  const crash = env.POSTMORTEM_TEST_CRASH_RULE;
  return { now, rules: crash ? withCrashingRule(crash) : undefined, problems };
}
