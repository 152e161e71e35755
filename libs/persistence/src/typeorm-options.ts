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
    logging: ['error'],
    extra: { max: opts.poolSize ?? 10, application_name: `qa-${opts.schema}` },
  };
}
