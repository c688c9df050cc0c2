import {
  constants,
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPair,
  privateDecrypt,
  publicEncrypt,
  verify,
} from 'node:crypto';
import { promisify } from 'node:util';

/**
 * The cryptography of the ballot box: RSA blind signatures, RFC 9474 (RSABSSA-SHA384-PSS-Randomized).
 *
 * When a voter asks for a ballot, the server signs a *blinded* token the voter's browser made; the
 * browser unblinds the signature and later casts its ballot with the token and the signature. Any
 * valid signature proves the ballot comes from someone who was given one, yet the server never saw the
 * token it signed, so nothing it stored when the ballot was issued can be matched with the ballot
 * (README, "Ballot secrecy"). The voter's side is @cloudflare/blindrsa-ts (ballot-client.ts); the
 * server's side needs only the raw RSA operation and a PSS verification, which Node's OpenSSL does in
 * about a millisecond (the library's own blindSign, in JavaScript big numbers, takes half a second).
 */

const MODULUS_BITS = 2048;
/** RSABSSA-SHA384-PSS: the salt is as long as the hash. */
const SALT_BYTES = 48;
/** Randomized variant: 32 random bytes before the voter's token ("prepare" in RFC 9474). */
export const PREPARED_TOKEN_BYTES = 32 + 32;

export interface SessionKeys {
  /** SPKI DER: published with the session, the voter's browser blinds with it. */
  publicKey: Buffer;
  /** PKCS #8 DER: kept by the server until the session closes. */
  privateKey: Buffer;
}

export async function sessionKeys(): Promise<SessionKeys> {
  const { publicKey, privateKey } = await promisify(generateKeyPair)('rsa', {
    modulusLength: MODULUS_BITS,
    publicExponent: 0x10001,
    publicKeyEncoding: { type: 'spki', format: 'der' },
    privateKeyEncoding: { type: 'pkcs8', format: 'der' },
  });
  return { publicKey, privateKey };
}

/** The blinded message is an integer modulo n, sent as k bytes (RFC 9474 §4.3). */
export function isBlindedMessage(blinded: Buffer, publicKey: Buffer): boolean {
  const n = Buffer.from(
    createPublicKey({ key: publicKey, format: 'der', type: 'spki' }).export({ format: 'jwk' }).n as string,
    'base64url',
  );
  return blinded.length === n.length && Buffer.compare(blinded, n) < 0;
}

/**
 * BlindSign (RFC 9474 §4.3): s = m^d mod n, then checked by m = s^e mod n so that a fault in the
 * private-key operation never leaks the key.
 */
export function blindSign(privateKey: Buffer, publicKey: Buffer, blinded: Buffer): Buffer {
  const key = createPrivateKey({ key: privateKey, format: 'der', type: 'pkcs8' });
  const signature = privateDecrypt({ key, padding: constants.RSA_NO_PADDING }, blinded);
  const back = publicEncrypt(
    { key: createPublicKey({ key: publicKey, format: 'der', type: 'spki' }), padding: constants.RSA_NO_PADDING },
    signature,
  );
  if (!back.equals(blinded)) throw new Error('blind signature check failed');
  return signature;
}

/** The unblinded signature on the prepared token, as any RSA-PSS verifier checks it. */
export function isSignedToken(publicKey: Buffer, preparedToken: Buffer, signature: Buffer): boolean {
  if (preparedToken.length !== PREPARED_TOKEN_BYTES) return false;
  return verify(
    'sha384',
    preparedToken,
    {
      key: createPublicKey({ key: publicKey, format: 'der', type: 'spki' }),
      padding: constants.RSA_PKCS1_PSS_PADDING,
      saltLength: SALT_BYTES,
    },
    signature,
  );
}

const sha256 = (...parts: (Buffer | string)[]): Buffer => {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest();
};

/** What stops a token from being used twice, without keeping the token itself. */
export const tokenHash = (preparedToken: Buffer): Buffer => sha256('canbo-ballot-token-v1', preparedToken);

/**
 * The voter's receipt: a commitment to the ballot under the voter's secret token. The browser computes
 * the same value before casting; after the count the session lists every receipt it counted, and only
 * the holder of the token can know which one is theirs.
 */
export const ballotReceipt = (sessionId: string, preparedToken: Buffer, ratings: readonly number[]): Buffer =>
  sha256('canbo-ballot-receipt-v1', sessionId, preparedToken, Buffer.from(ratings));
