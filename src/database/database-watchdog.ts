import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { DatabaseEndpoint } from './database-endpoint';

type Closable = { connection?: { stream?: { destroy(): void } } };

/**
 * Notices a database that stopped answering (a network partition drops packets: no error arrives, the
 * server's own timeouts cannot fire) and turns it into quick 503s: every DB_WATCHDOG_INTERVAL_MS it runs
 * SELECT 1 on a connection of its own; two probes in a row without an answer within
 * DB_WATCHDOG_TIMEOUT_MS drop every pooled connection, so requests waiting on them fail at once (503 with
 * Retry-After) and new requests answer 503 at once (AccessGuard asks `unavailable`) until a probe is
 * answered again; public routes fail within DB_CONNECT_TIMEOUT_MS. The
 * pool then opens fresh connections by itself: no restart. Server databases only (the embedded one is in
 * this process).
 */
@Injectable()
export class DatabaseWatchdog implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Database');
  private timer: NodeJS.Timeout | undefined;
  private client: Client | undefined;
  private probing = false;
  private misses = 0;
  private unavailableSince: number | undefined;

  constructor(
    private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    @Inject(DatabaseEndpoint) private readonly endpoint: DatabaseEndpoint,
  ) {}

  /** Whether the last probes got no answer (shown by /health). */
  get unavailable(): boolean {
    return this.unavailableSince !== undefined;
  }

  onApplicationBootstrap(): void {
    if (this.endpoint.embedded || this.config.DB_WATCHDOG_INTERVAL_MS === 0) return;
    this.timer = setInterval(() => void this.probe(), this.config.DB_WATCHDOG_INTERVAL_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    this.closeProbeClient();
  }

  /** One probe (public for tests). */
  async probe(): Promise<void> {
    if (this.probing) return;
    this.probing = true;
    try {
      await this.ping();
      if (this.unavailableSince !== undefined) {
        this.logger.warn(`The database answers again after ${Math.round((Date.now() - this.unavailableSince) / 1000)} s`);
      }
      this.misses = 0;
      this.unavailableSince = undefined;
    } catch (err) {
      this.closeProbeClient();
      this.misses += 1;
      if (this.misses >= 2) {
        if (this.unavailableSince === undefined) {
          this.unavailableSince = Date.now();
          this.logger.error(
            `The database has not answered ${this.misses} probes (${err instanceof Error ? err.message : String(err)}): ` +
              'dropping pooled connections so requests answer 503 until it is back',
          );
        }
        this.dropPooledConnections();
      }
    } finally {
      this.probing = false;
    }
  }

  private async ping(): Promise<void> {
    const timeout = this.config.DB_WATCHDOG_TIMEOUT_MS;
    if (!this.client) {
      const client = new Client({ connectionString: this.endpoint.url, connectionTimeoutMillis: timeout, application_name: 'watchdog' });
      client.on('error', () => this.closeProbeClient());
      this.client = client;
      await client.connect();
    }
    await this.client.query({ text: 'SELECT 1', query_timeout: timeout } as never);
  }

  private closeProbeClient(): void {
    const client = this.client as (Client & Closable) | undefined;
    this.client = undefined;
    client?.connection?.stream?.destroy();
  }

  private dropPooledConnections(): void {
    // TypeORM's PostgreSQL driver keeps node-postgres's pool as `master`; the pool has no public way to
    // close the sockets of busy clients, so reach them through its client list.
    const pool = (this.dataSource.driver as unknown as { master?: { _clients?: Closable[] } }).master;
    for (const client of pool?._clients ?? []) client.connection?.stream?.destroy();
  }
}
