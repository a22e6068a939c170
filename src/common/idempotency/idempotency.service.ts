import { createHash } from 'node:crypto';
import { HttpStatus, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { DomainError, unprocessable } from '../errors/domain-error';

export interface StoredResponse {
  status: number;
  body: unknown;
  replayed: boolean;
}

/** Keys are kept this long; a retry after that is a new request. */
const KEY_TTL_HOURS = 24;

/**
 * Runs a write at most once per (caller, Idempotency-Key). The key row is inserted in the
 * same transaction as the write: a concurrent retry waits on it, then replays the stored
 * answer, success or domain error alike. A key reused for a different request is refused.
 */
@Injectable()
export class IdempotencyService {
  constructor(private readonly dataSource: DataSource) {}

  async run(
    principalId: string,
    key: string | undefined,
    request: unknown,
    work: (tx: EntityManager) => Promise<{ status: number; body: unknown }>,
  ): Promise<StoredResponse> {
    if (key === undefined) {
      return { ...(await this.dataSource.transaction(work)), replayed: false };
    }
    if (!/^[\x21-\x7e]{1,255}$/.test(key)) {
      throw new DomainError(HttpStatus.BAD_REQUEST, 'INVALID_IDEMPOTENCY_KEY', 'Idempotency-Key must be 1-255 visible ASCII characters');
    }
    const requestHash = createHash('sha256').update(JSON.stringify(request)).digest('hex');
    const outcome = await this.dataSource.transaction(async (tx) => {
      await tx.query(
        `DELETE FROM idempotency_keys WHERE principal_id = $1 AND key = $2 AND created_at < now() - make_interval(hours => $3)`,
        [principalId, key, KEY_TTL_HOURS],
      );
      const claimed: unknown[] = await tx.query(
        `INSERT INTO idempotency_keys (principal_id, key, request_hash) VALUES ($1, $2, $3)
         ON CONFLICT DO NOTHING RETURNING 1`,
        [principalId, key, requestHash],
      );
      if (!claimed.length) return this.replay(tx, principalId, key, requestHash);
      const result = await this.capture(tx, work);
      await tx.query(`UPDATE idempotency_keys SET status_code = $3, response = $4 WHERE principal_id = $1 AND key = $2`, [
        principalId,
        key,
        result.status,
        JSON.stringify(result.body instanceof DomainError ? errorRecord(result.body) : result.body),
      ]);
      return { ...result, replayed: false };
    });
    if (outcome.body instanceof DomainError) throw outcome.body;
    return outcome;
  }

  /** Domain errors are answers too: store them so a retry gets the same one. */
  private async capture(tx: EntityManager, work: (tx: EntityManager) => Promise<{ status: number; body: unknown }>) {
    await tx.query('SAVEPOINT idempotent_work');
    try {
      return await work(tx);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      // Undo whatever the failed work did (it may have aborted the transaction); keep the key.
      await tx.query('ROLLBACK TO SAVEPOINT idempotent_work');
      return { status: error.status as number, body: error };
    }
  }

  private async replay(tx: EntityManager, principalId: string, key: string, requestHash: string): Promise<StoredResponse> {
    const [row]: { request_hash: string; status_code: number; response: unknown }[] = await tx.query(
      `SELECT request_hash, status_code, response FROM idempotency_keys WHERE principal_id = $1 AND key = $2`,
      [principalId, key],
    );
    if (!row || row.request_hash !== requestHash) {
      throw unprocessable('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was already used for a different request');
    }
    if (row.status_code >= 400) {
      const stored = row.response as { code: string; message: string; details?: Record<string, unknown> };
      throw new DomainError(row.status_code, stored.code, stored.message, stored.details);
    }
    return { status: row.status_code, body: row.response, replayed: true };
  }
}

function errorRecord(error: DomainError) {
  return { code: error.code, message: error.message, details: error.details };
}
