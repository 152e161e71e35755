import { DataSourceOptions } from 'typeorm';

export interface ServiceDbOptions {
  url: string;
  schema: string;
  entities: DataSourceOptions['entities'];
  migrations: DataSourceOptions['migrations'];
  poolSize?: number;
}

/** One Postgres schema per service; schema changes only through committed migrations. */
export function serviceDataSourceOptions(opts: ServiceDbOptions): DataSourceOptions {
  return {
    type: 'postgres',
    url: opts.url,
    schema: opts.schema,
    entities: opts.entities,
    migrations: opts.migrations,
    migrationsTableName: 'migrations',
    migrationsRun: true,
    migrationsTransactionMode: 'each',
    synchronize: false,
    // TypeORM's error log prints query parameters (call bodies, phone numbers): errors surface as
    // exceptions instead, logged without parameters.
    logging: false,
    extra: { max: opts.poolSize ?? 10, application_name: `qa-${opts.schema}` },
  };
}
