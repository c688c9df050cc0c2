import { Injectable } from '@nestjs/common';
import * as argon2 from 'argon2';

/** argon2id with the library's defaults (OWASP's recommended parameters). */
export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id });
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

/**
 * The one password check of a login. Every attempt costs exactly one argon2 verification, whatever
 * the account's state: against the account's own hash when there is one (active, disabled or locked
 * alike), against a dummy hash made with the same parameters when the username is unknown. So the
 * answer's timing says nothing about which usernames exist or what state they are in.
 */
@Injectable()
export class PasswordChecker {
  // Made at boot, so not even the first unknown username pays for making it.
  private readonly dummy = hashPassword('canbo-timing-equaliser');

  async check(hash: string | undefined, password: string): Promise<boolean> {
    if (hash !== undefined) return verifyPassword(hash, password);
    await verifyPassword(await this.dummy, password);
    return false;
  }
}
