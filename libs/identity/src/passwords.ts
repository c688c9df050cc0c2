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

let dummy: Promise<string> | undefined;

/** Spends the same time as a real check, so response times do not reveal which usernames exist. */
export async function burnPasswordCheck(password: string): Promise<void> {
  dummy ??= hashPassword('canbo-timing-equaliser');
  await verifyPassword(await dummy, password);
}
