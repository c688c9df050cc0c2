/**
 * What the voter's browser keeps between asking for its ballot and casting it, and afterwards. The
 * unblinded token and its signature live in sessionStorage only until the ballot is cast (they are the
 * ballot itself; the tab forgets them when it closes); the receipt stays in localStorage, so the voter
 * can check after the count that its ballot was counted. Both are keyed by the account too, so a second
 * voter on a shared computer is not told that it has voted.
 */
export interface SignedToken {
  token: string;
  signature: string;
}

const tokenKey = (userId: string, sessionId: string) => `canbo.ballot.${userId}.${sessionId}`;
const receiptKey = (userId: string, sessionId: string) => `canbo.receipt.${userId}.${sessionId}`;

export const ballotStore = {
  token(userId: string, sessionId: string): SignedToken | null {
    const raw = sessionStorage.getItem(tokenKey(userId, sessionId));
    return raw ? (JSON.parse(raw) as SignedToken) : null;
  },
  keepToken(userId: string, sessionId: string, token: SignedToken): void {
    sessionStorage.setItem(tokenKey(userId, sessionId), JSON.stringify(token));
  },
  receipt(userId: string, sessionId: string): string | null {
    return localStorage.getItem(receiptKey(userId, sessionId));
  },
  /** Cast: the receipt is kept and the token forgotten. */
  cast(userId: string, sessionId: string, receipt: string): void {
    localStorage.setItem(receiptKey(userId, sessionId), receipt);
    sessionStorage.removeItem(tokenKey(userId, sessionId));
  },
};

export const toBase64 = (bytes: Uint8Array): string => btoa(String.fromCharCode(...bytes));
export const fromBase64 = (text: string): Uint8Array => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
export const toHex = (bytes: Uint8Array): string => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
