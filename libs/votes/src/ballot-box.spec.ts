import { ballotReceipt, blindSign, isBlindedMessage, isSignedToken, sessionKeys } from './ballot-box';
import { blindToken, expectedReceipt } from './ballot-client';

describe('ballot box (RFC 9474 blind signatures)', () => {
  it('signs a blinded token that, unblinded, verifies; the server never sees the token it signed', async () => {
    const keys = await sessionKeys();
    const blinded = await blindToken(keys.publicKey);
    expect(isBlindedMessage(Buffer.from(blinded.blindedMessage), keys.publicKey)).toBe(true);
    const blindSignature = blindSign(keys.privateKey, keys.publicKey, Buffer.from(blinded.blindedMessage));
    const { token, signature } = await blinded.finish(blindSignature);

    expect(isSignedToken(keys.publicKey, Buffer.from(token), Buffer.from(signature))).toBe(true);
    // What the server saw at issue (blinded message, blind signature) shares no bytes with what it sees at casting.
    expect(Buffer.from(blinded.blindedMessage).includes(Buffer.from(token).subarray(0, 16))).toBe(false);
    expect(Buffer.from(blindSignature).equals(Buffer.from(signature))).toBe(false);
  });

  it('refuses a token that was changed, a signature of another session, and a malformed blinded message', async () => {
    const [keys, other] = await Promise.all([sessionKeys(), sessionKeys()]);
    const blinded = await blindToken(keys.publicKey);
    const { token, signature } = await blinded.finish(blindSign(keys.privateKey, keys.publicKey, Buffer.from(blinded.blindedMessage)));
    const changed = Buffer.from(token);
    changed[40] ^= 1;
    expect(isSignedToken(keys.publicKey, changed, Buffer.from(signature))).toBe(false);
    expect(isSignedToken(other.publicKey, Buffer.from(token), Buffer.from(signature))).toBe(false);
    expect(isSignedToken(keys.publicKey, Buffer.from(token).subarray(1), Buffer.from(signature))).toBe(false);
    expect(isBlindedMessage(Buffer.alloc(256, 0xff), keys.publicKey)).toBe(false);
    expect(isBlindedMessage(Buffer.alloc(12, 1), keys.publicKey)).toBe(false);
  });

  it('gives the voter the receipt the server stores', async () => {
    const token = Buffer.from(crypto.getRandomValues(new Uint8Array(64)));
    const sessionId = '6f1c2a4e-0d5b-4c1e-9a55-3b7f4c1d2e10';
    expect(Buffer.from(await expectedReceipt(sessionId, token, [1, 3, 2])).equals(ballotReceipt(sessionId, token, [1, 3, 2]))).toBe(true);
    expect(ballotReceipt(sessionId, token, [1, 3, 2]).equals(ballotReceipt(sessionId, token, [1, 2, 3]))).toBe(false);
  });
});
