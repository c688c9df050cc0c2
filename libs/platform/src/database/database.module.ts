import { DynamicModule, Module } from '@nestjs/common';
import { ClsPluginTransactional } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { TypeOrmModule, getDataSourceToken } from '@nestjs/typeorm';
import { ClsModule } from 'nestjs-cls';
import { AppConfig } from '../config/app-config';
import { requestIdOf } from '../logging/request-id';
import { dataSourceOptions } from './data-source-options';
import { Sql } from './sql';
import { Outbox } from '../queue/outbox';
import { OutboxEntry } from '../queue/outbox-entry.entity';
import { OutboxRepository } from '../queue/outbox.repository';

/**
 * PostgreSQL through TypeORM, plus the request context (nestjs-cls) that carries the actor, the
 * request id and the current transaction. `@Transactional()` methods and `TransactionHost.tx`
 * share one EntityManager, so a change and its audit event commit together or not at all.
 */
@Module({})
export class DatabaseModule {
  static forRoot(options: { http: boolean }): DynamicModule {
    return {
      module: DatabaseModule,
      global: true,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [AppConfig],
          // As the app role, which owns nothing and is bound by row-level security (AppConfig.appDatabaseUrl).
          // Each lib registers its own entities (TypeOrmModule.forFeature in its module); autoLoadEntities
          // gathers them, so the data source knows every table without a central list to forget.
          useFactory: (config: AppConfig) => ({
            ...dataSourceOptions(config.appDatabaseUrl, [], { scoped: true }),
            autoLoadEntities: true,
          }),
        }),
        // The outbox is the platform's own table: every app writes jobs to it, the worker relays them.
        TypeOrmModule.forFeature([OutboxEntry]),
        ClsModule.forRoot({
          global: true,
          middleware: options.http ? { mount: true, generateId: true, idGenerator: (req) => requestIdOf(req) } : undefined,
          plugins: [
            new ClsPluginTransactional({
              imports: [TypeOrmModule],
              adapter: new TransactionalAdapterTypeOrm({ dataSourceToken: getDataSourceToken() }),
            }),
          ],
        }),
      ],
      providers: [Sql, Outbox, OutboxRepository],
      // OutboxRepository for the worker's OutboxRelay; business code asks for jobs through Outbox.
      exports: [TypeOrmModule, Sql, Outbox, OutboxRepository],
    };
  }
}
