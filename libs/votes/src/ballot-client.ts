import { RSABSSA } from '@cloudflare/blindrsa-ts';

/**
 * The voter's side of the ballot box (ballot-box.ts has the server's): runs in the voter's browser and
 * in tests, with WebCrypto only. The token and the blinding secret never leave the voter's device; the
 * server sees the blinded token when it issues the ballot and the unblinded token when the ballot is
 * cast, and cannot tell that they are the same.
 */
const suite = () => RSABSSA.SHA384.PSS.Randomized();

export interface BlindedToken {
  /** Sent when asking for a ballot. */
  blindedMessage: Uint8Array;
  /** Turns the server's blind signature into the token and signature a ballot is cast with. */
  finish(blindSignature: Uint8Array): Promise<{ token: Uint8Array; signature: Uint8Array }>;
}

/** A fresh random token for the session whose public key (SPKI DER) is given, blinded. */
export async function blindToken(sessionPublicKey: Uint8Array): Promise<BlindedToken> {
  const publicKey = await crypto.subtle.importKey(
    'spki',
    sessionPublicKey as Uint8Array<ArrayBuffer>,
    { name: 'RSA-PSS', hash: 'SHA-384' },
    true,
    ['verify'],
  );
  const token = suite().prepare(crypto.getRandomValues(new Uint8Array(32)));
  const { blindedMsg, inv } = await suite().blind(publicKey, token);
  return {
    blindedMessage: blindedMsg,
    finish: async (blindSignature) => ({ token, signature: await suite().finalize(publicKey, token, blindSignature, inv) }),
  };
}

/** The receipt the server will return for this ballot (ballot-box.ts `ballotReceipt`), computed by the voter. */
export async function expectedReceipt(sessionId: string, token: Uint8Array, ratings: readonly number[]): Promise<Uint8Array> {
  const text = new TextEncoder();
  const parts = [text.encode('canbo-ballot-receipt-v1'), text.encode(sessionId), token, Uint8Array.from(ratings)];
  const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    all.set(p, at);
    at += p.length;
  }
  return new Uint8Array(await crypto.subtle.digest('SHA-256', all));
}
