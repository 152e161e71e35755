import { redisConnection } from './redis-connection';

describe(redisConnection.name, () => {
  it('keeps host, port, password and database index', () => {
    expect(redisConnection('redis://:s%40cret@cache:6380/5')).toEqual({
      host: 'cache',
      port: 6380,
      password: 's@cret',
      db: 5,
    });
  });

  it('defaults to port 6379 and database 0', () => {
    expect(redisConnection('redis://127.0.0.1')).toEqual({ host: '127.0.0.1', port: 6379 });
  });
});
