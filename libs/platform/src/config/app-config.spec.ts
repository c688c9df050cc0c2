import { loadConfig } from './app-config';

const base = { JWT_SECRET: 'x'.repeat(32) };

describe('loadConfig: the portal', () => {
  it('serves the portal on 4200 and allows that origin by default', () => {
    const config = loadConfig(base);
    expect(config.PORTAL_PORT).toBe(4200);
    expect(config.PORTAL_ORIGIN).toBe('http://localhost:4200');
  });

  it('moves the allowed origin with PORTAL_PORT, unless PORTAL_ORIGIN is set in full', () => {
    expect(loadConfig({ ...base, PORTAL_PORT: '4300' }).PORTAL_ORIGIN).toBe('http://localhost:4300');
    expect(loadConfig({ ...base, PORTAL_PORT: '4300', PORTAL_ORIGIN: 'https://canbo.example.vn' }).PORTAL_ORIGIN).toBe(
      'https://canbo.example.vn',
    );
  });

  it('refuses a port that is not one', () => {
    expect(() => loadConfig({ ...base, PORTAL_PORT: 'abc' })).toThrow(/PORTAL_PORT/);
  });
});
