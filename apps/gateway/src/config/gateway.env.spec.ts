import {
  DEV_ADMIN_PASSWORD,
  DEV_INTERNAL_SECRET,
  DEV_JWT_SECRET,
  productionProblems,
} from './gateway.env';

describe(productionProblems.name, () => {
  const dev = {
    JWT_SECRET: DEV_JWT_SECRET,
    INTERNAL_SECRET: DEV_INTERNAL_SECRET,
    ADMIN_PASSWORD: DEV_ADMIN_PASSWORD,
  };

  it('refuses every default secret and password in production', () => {
    expect(productionProblems({ NODE_ENV: 'production', ...dev })).toEqual([
      'JWT_SECRET is the development default',
      'INTERNAL_SECRET is the development default',
      'ADMIN_PASSWORD is the development default',
    ]);
  });

  it('accepts real secrets in production and defaults in development', () => {
    expect(
      productionProblems({
        NODE_ENV: 'production',
        JWT_SECRET: 'x'.repeat(40),
        INTERNAL_SECRET: 'y'.repeat(40),
        ADMIN_PASSWORD: 'z'.repeat(20),
      }),
    ).toEqual([]);
    expect(productionProblems({ NODE_ENV: 'development', ...dev })).toEqual([]);
  });
});
