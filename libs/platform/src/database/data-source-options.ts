import { DataSourceOptions } from 'typeorm';
import { SnakeNamingStrategy } from './naming-strategy';
import { ScopedClient } from './scoped-client';

/**
 * One place that says how Canbo talks to PostgreSQL. Migrations are passed as classes (from `migrations/`)
 * by the tools that run them, never discovered by glob, so sources and builds behave the same. Entities
 * are not listed here: each lib registers its own (`forFeature`) and the apps' DatabaseModule loads them.
 *
 * `scoped`: the API's and the worker's connections (as the app role), where every statement runs under
 * the context's row-level-security scope (ScopedClient). Migrations and bulk loads connect as the owner.
 */
export function dataSourceOptions(
  url: string,
  migrations: Extract<DataSourceOptions['migrations'], unknown[]> = [],
  { scoped = false }: { scoped?: boolean } = {},
): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    migrations,
    migrationsTableName: 'schema_migration',
    migrationsTransactionMode: 'each',
    synchronize: false,
    namingStrategy: new SnakeNamingStrategy(),
    extra: { max: 20, application_name: 'canbo', ...(scoped ? { Client: ScopedClient } : {}) },
  };
}
