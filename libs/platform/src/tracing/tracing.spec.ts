import { BaseEnv } from '../config/base.env';
import { validateEnv } from '../config/validate-env';
import { exportsTraces } from './tracing';

describe(exportsTraces.name, () => {
  it('is off unless an endpoint is named or otlp asked for, and none wins', () => {
    expect(exportsTraces({})).toBe(false);
    expect(exportsTraces({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://tempo:4318' })).toBe(true);
    expect(exportsTraces({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://c:4318/v1/traces' })).toBe(
      true,
    );
    expect(exportsTraces({ OTEL_TRACES_EXPORTER: 'otlp' })).toBe(true);
    expect(
      exportsTraces({ OTEL_TRACES_EXPORTER: 'none', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318' }),
    ).toBe(false);
  });
});

describe('the OTEL_* variables', () => {
  const validate = validateEnv(BaseEnv);
  const base = { PORT: '3001' };

  it('take an empty value (docker compose) as unset, so export stays off', () => {
    const env = validate({ ...base, OTEL_EXPORTER_OTLP_ENDPOINT: '', OTEL_TRACES_EXPORTER: '' });
    expect(exportsTraces(env)).toBe(false);
  });

  it('refuse what is not a URL or a known exporter', () => {
    expect(() => validate({ ...base, OTEL_EXPORTER_OTLP_ENDPOINT: 'collector' })).toThrow(
      /OTEL_EXPORTER_OTLP_ENDPOINT/,
    );
    expect(() => validate({ ...base, OTEL_TRACES_EXPORTER: 'zipkin' })).toThrow(
      /OTEL_TRACES_EXPORTER/,
    );
  });
});
