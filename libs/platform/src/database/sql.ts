import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';

/**
 * Reads on hot paths as named prepared statements: PostgreSQL plans each distinct text once per
 * connection instead of on every call (planning a list over a million rows costs about as much as
 * running it). Inside a transaction the read joins it through TypeORM, as every other query does.
 */
@Injectable()
export class Sql {
  private readonly names = new Map<string, string>();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
  ) {}

  async rows<T>(text: string, values: unknown[]): Promise<T[]> {
    if (this.txHost.isTransactionActive()) return this.txHost.tx.query(text, values);
    let name = this.names.get(text);
    if (!name) {
      // The distinct texts are few (filters × scope shapes × sorts), so neither map nor server cache grows without bound.
      name = `canbo_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
      this.names.set(text, name);
    }
    const pool = (this.db.driver as unknown as { master: Pool }).master;
    return (await pool.query({ name, text, values })).rows as T[];
  }
}
