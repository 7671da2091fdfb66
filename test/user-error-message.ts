import { expect } from '@jest/globals';
import { UserError } from '../src/errors.js';

/**
 * The message of the `UserError` that `run` throws; fails the test when `run` returns or throws
 * anything else. For tests of refusals: the message is the one line the CLI would print (checked: no line break).
 */
export function userErrorMessage(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    const message = (error as Error).message;
    expect(message).not.toContain('\n');
    return message;
  }
  throw new Error('accepted');
}
