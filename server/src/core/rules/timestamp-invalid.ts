import type { Rule } from './rule';
import { stampGroups } from './stamp-groups';

export const timestampInvalid: Rule = {
  id: 'PM010',
  name: 'timestamp-invalid',
  description: 'An impossible or malformed date or time: a five-digit year, minute 7 written as one digit, hour 25, February 30, a wrong weekday.',
  defaultSeverity: 'error',
  tags: ['timestamps'],
  fixable: false,
  check(doc, report) {
    for (const stamp of stampGroups(doc).invalid) report({ span: stamp.span, message: `Invalid timestamp ${stamp.parts.text}: ${stamp.invalid}.` });
  },
};
