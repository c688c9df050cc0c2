import { api, session, toHttpError, wordChecksWith } from './http';

/** A Map behind the Storage interface: the unit tier runs in Node, without a browser's localStorage. */
function memoryStorage(): Storage {
  const map = new Map<string, string>();
  return {
    get length() {
      return map.size;
    },
    clear: () => map.clear(),
    getItem: (k) => map.get(k) ?? null,
    key: (i) => [...map.keys()][i] ?? null,
    removeItem: (k) => void map.delete(k),
    setItem: (k, v) => void map.set(k, String(v)),
  };
}

const reply = (status: number, body?: unknown) => new Response(body === undefined ? null : JSON.stringify(body), { status });

describe('the portal session', () => {
  beforeEach(() => {
    Object.defineProperty(globalThis, 'localStorage', { value: memoryStorage(), configurable: true });
    session.set({ accessToken: 'old-access', refreshToken: 'refresh-1', expiresIn: 900, tokenType: 'Bearer' });
  });

  it('on 401 trades the rotating refresh token once, stores the new pair and retries the call', async () => {
    const seen: string[] = [];
    globalThis.fetch = jest.fn(async (input: string | URL | Request, init?: RequestInit) => {
      const path = new URL(String(input)).pathname;
      const auth = (init?.headers as Record<string, string>)?.authorization ?? '';
      seen.push(`${path} ${auth}`);
      if (path.endsWith('/auth/refresh')) {
        expect(JSON.parse(String(init?.body))).toEqual({ refreshToken: 'refresh-1' });
        return reply(200, { accessToken: 'new-access', refreshToken: 'refresh-2', expiresIn: 900, tokenType: 'Bearer' });
      }
      return auth === 'Bearer new-access' ? reply(200, { ok: true }) : reply(401, { status: 401, title: 'Unauthorized' });
    }) as typeof fetch;

    await expect(Promise.all([api('/me'), api('/cadres')])).resolves.toEqual([{ ok: true }, { ok: true }]);
    expect(seen.filter((s) => s.startsWith('/api/v1/auth/refresh'))).toHaveLength(1);
    expect(session.get()).toMatchObject({ accessToken: 'new-access', refreshToken: 'refresh-2' });
  });

  it('ends the session when the refresh token is refused', async () => {
    globalThis.fetch = jest.fn(async () => reply(401, { status: 401, title: 'Unauthorized' })) as typeof fetch;
    await expect(api('/me')).rejects.toMatchObject({ statusCode: 401 });
    expect(session.get()).toBeNull();
  });
});

describe('field errors in the user’s words', () => {
  it('says the checks it knows in the portal’s words, by the API’s code, and keeps the API’s words for the others', () => {
    wordChecksWith((code) => ({ isDateString: 'Ngày không hợp lệ.' })[code]);
    const error = toHttpError(400, {
      status: 400,
      errors: [
        { field: 'dateOfBirth', code: 'isDateString', message: 'dateOfBirth must be a valid ISO 8601 date string' },
        { field: 'fullName', code: 'someNewCheck', message: 'fullName is odd' },
        { field: 'code', message: 'is already taken' },
      ],
    });
    expect(error.errors).toEqual({ dateOfBirth: ['Ngày không hợp lệ.'], fullName: ['fullName is odd'], code: ['is already taken'] });
  });
});
