import { redactedUrl } from './redacted-url';

describe('redactedUrl', () => {
  it('keeps paging, sorting and ids, and replaces every other value', () => {
    expect(redactedUrl('/api/v1/cadres?q=nguyen%20van&limit=50&cursor=abc&birthDate=1970-01-01&committeeId=7f0c')).toBe(
      '/api/v1/cadres?q=redacted&limit=50&cursor=abc&birthDate=redacted&committeeId=7f0c',
    );
  });

  it('leaves a URL without a query as it is', () => {
    expect(redactedUrl('/api/v1/cadres')).toBe('/api/v1/cadres');
    expect(redactedUrl('/api/v1/cadres?')).toBe('/api/v1/cadres');
    expect(redactedUrl(undefined)).toBe('');
  });

  it('redacts a repeated or oddly encoded search parameter every time', () => {
    const url = redactedUrl('/api/v1/users?q=le&q=tran&%71=pham');
    expect(url).toBe('/api/v1/users?q=redacted&q=redacted&q=redacted');
  });
});
