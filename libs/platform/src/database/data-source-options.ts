import { DataSourceOptions } from 'typeorm';
import { SnakeNamingStrategy } from './naming-strategy';

type Classes = Extract<DataSourceOptions['entities'], unknown[]>;

/**
 * One place that says how Canbo talks to PostgreSQL. Migrations are passed as classes (from `migrations/`)
 * by the tools that run them, never discovered by glob, so sources and builds behave the same.
 */
export function dataSourceOptions(
  url: string,
  entities: Classes = [],
  migrations: Extract<DataSourceOptions['migrations'], unknown[]> = [],
): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities,
    migrations,
    migrationsTableName: 'schema_migration',
    migrationsTransactionMode: 'each',
    synchronize: false,
    namingStrategy: new SnakeNamingStrategy(),
    extra: { max: 20, application_name: 'canbo' },
  };
}
