import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { EntityManager } from 'typeorm';

/** What repositories inject to reach the active transaction: `this.txHost.tx` is its EntityManager (or the pool's, outside one). */
export type TypeOrmTxHost = TransactionHost<TransactionalAdapterTypeOrm>;

/** The part of TransactionHost a repository reads; `txOf(manager)` lets code outside Nest (seeds, benches) hand one in. */
export interface TxSource {
  readonly tx: EntityManager;
}

export function txOf(manager: EntityManager): TxSource {
  return { tx: manager };
}
