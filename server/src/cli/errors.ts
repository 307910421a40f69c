// The two ways the CLI refuses to go on; both exit 2 (bad usage or unusable input), distinct from findings (1).

/** A wrong command line: the message is followed by the usage text. */
export class UsageError extends Error {}

/** Input that cannot be checked or written; each message names its file. */
export class InputError extends Error {
  constructor(readonly messages: readonly string[]) {
    super(messages.join('\n'));
  }
}
