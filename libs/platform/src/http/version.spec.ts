import { etagOf, expectedVersion, ValidationProblem } from '../index';

/** The field a refused write names, or undefined when the version was accepted. */
function refusedField(body: number | undefined, ifMatch: string | undefined): string | undefined {
  try {
    expectedVersion(body, ifMatch);
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationProblem);
    expect((error as ValidationProblem).getStatus()).toBe(400);
    const errors = (error as ValidationProblem).errors;
    expect(errors).toHaveLength(1);
    return errors[0].field;
  }
}

describe('etagOf', () => {
  it('is the version, quoted (a strong ETag)', () => {
    expect(etagOf(1)).toBe('"1"');
    expect(etagOf(123456789)).toBe('"123456789"');
  });

  it('is read back by expectedVersion as the same version', () => {
    for (const version of [0, 1, 7, 999_999_999]) expect(expectedVersion(undefined, etagOf(version))).toBe(version);
  });
});

describe('expectedVersion: the body`s `version` or the If-Match header (api.md: either)', () => {
  it('takes the body alone', () => {
    expect(expectedVersion(3, undefined)).toBe(3);
    expect(expectedVersion(0, undefined)).toBe(0);
  });

  it.each([
    ['"3"', 3],
    ['W/"3"', 3],
    ['3', 3],
    ['  "3"  ', 3],
    ['"007"', 7],
    ['"999999999"', 999_999_999],
  ])('takes If-Match %j as version %d', (header, version) => {
    expect(expectedVersion(undefined, header)).toBe(version);
  });

  it('takes both when they agree', () => {
    expect(expectedVersion(4, '"4"')).toBe(4);
    expect(expectedVersion(4, 'W/"4"')).toBe(4);
  });

  it('refuses both when they disagree, naming `version`', () => {
    expect(refusedField(4, '"5"')).toBe('version');
    expect(refusedField(0, '"1"')).toBe('version');
  });

  it('refuses neither, naming `version`', () => {
    expect(refusedField(undefined, undefined)).toBe('version');
  });

  it.each(['', '   ', '*', '""', '"abc"', '"-1"', '"1.5"', '"3", "4"', 'w/"3"', '"1234567890"', '"3"x', 'W/ "3"', '"3', '3"', 'W/3'])(
    'refuses If-Match %j, which is not one of our ETags, naming `If-Match`',
    (header) => {
      expect(refusedField(undefined, header)).toBe('If-Match');
    },
  );

  it('refuses a malformed If-Match even when the body carries a version', () => {
    expect(refusedField(3, '*')).toBe('If-Match');
  });
});
