import { Injectable } from '@nestjs/common';
import type { ClientConfig, Pool, PoolClient, QueryResult } from 'pg';
import { DataSource, EntityManager, EntityTarget, ObjectLiteral, Repository } from 'typeorm';
import type { IsolationLevel } from 'typeorm/driver/types/IsolationLevel';
import { listenerConfig } from './pg-listener';
import type { Columns, RowOf, Statement } from './statement';

/** The handle of a transaction; repositories take it as their first argument. */
export type Tx = EntityManager;

/**
 * The one way features reach PostgreSQL: every repository injects this, nothing else
 * (no DataSource, no @InjectRepository). It offers
 * - `transaction`: the one transaction helper; the work gets a `Tx` to pass down;
 * - `run`: a named, typed, prepared statement (see statement.ts), on the pool or in a `Tx`;
 * - `query`: ad-hoc SQL, TypeORM's way (an UPDATE answers [rows, count]);
 * - `repository`: a TypeORM repository of an entity this feature owns, on the pool or in a `Tx`.
 */
@Injectable()
export class Database {
  private readonly pool: Pool;
  private readonly committed = new WeakMap<Tx, (() => void)[]>();

  constructor(private readonly dataSource: DataSource) {
    // TypeORM's PostgreSQL driver keeps its pg.Pool here; `run` uses it directly because
    // TypeORM cannot send a named (prepared) statement.
    this.pool = (dataSource.driver as unknown as { master: Pool }).master;
  }

  /** Runs `work` in a transaction; what it registered with afterCommit runs once it committed. */
  async transaction<T>(work: (tx: Tx) => Promise<T>, isolation?: IsolationLevel): Promise<T> {
    let used: Tx | undefined;
    const tracked = (tx: Tx) => ((used = tx), work(tx));
    const result = await (isolation ? this.dataSource.transaction(isolation, tracked) : this.dataSource.transaction(tracked));
    const callbacks = used ? this.committed.get(used) : undefined;
    if (callbacks) {
      this.committed.delete(used!);
      for (const callback of callbacks) callback();
    }
    return result;
  }

  /**
   * Something to do once `tx` has committed (never if it rolls back), e.g. tell another process
   * about rows it can only see then. Runs synchronously after the commit; must not throw.
   */
  afterCommit(tx: Tx, callback: () => void): void {
    const callbacks = this.committed.get(tx);
    if (callbacks) callbacks.push(callback);
    else this.committed.set(tx, [callback]);
  }

  /**
   * A connection of the pool held for the whole of `work`, outside any transaction: for
   * session-level state such as an advisory lock that must live exactly as long as the work.
   */
  async session<T>(work: (session: Tx) => Promise<T>): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      return await work(runner.manager);
    } finally {
      await runner.release();
    }
  }

  async run<C extends Columns>(statement: Statement<C>, params: unknown[], tx?: Tx): Promise<RowOf<C>[]> {
    const result = await this.execute(statement, params, tx);
    return result.rows as RowOf<C>[];
  }

  /** For statements without RETURNING: how many rows they changed. */
  async count(statement: Statement<Columns>, params: unknown[], tx?: Tx): Promise<number> {
    return (await this.execute(statement, params, tx)).rowCount ?? 0;
  }

  query<T = unknown>(sql: string, params?: unknown[], tx?: Tx): Promise<T> {
    return (tx ?? this.dataSource.manager).query(sql, params);
  }

  repository<E extends ObjectLiteral>(entity: EntityTarget<E>, tx?: Tx): Repository<E> {
    return (tx ?? this.dataSource.manager).getRepository(entity);
  }

  get manager(): EntityManager {
    return this.dataSource.manager;
  }

  /** Settings for a connection of its own, outside the pool (LISTEN). */
  listenerConfig(applicationName: string): ClientConfig {
    return listenerConfig(this.dataSource, applicationName);
  }

  private async execute(statement: Statement<Columns>, params: unknown[], tx?: Tx): Promise<QueryResult> {
    const client: Pool | PoolClient = tx ? (tx.queryRunner as unknown as { databaseConnection: PoolClient }).databaseConnection : this.pool;
    const result = await client.query({ name: statement.name, text: statement.text, values: params });
    statement.check(result);
    return result;
  }
}
