import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** The few reads the demo-data start-up needs. */
@Injectable()
export class DemoDataRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Which of these usernames exist (active or not); none before the migrations made the table. */
  async findUsernames(usernames: string[]): Promise<string[]> {
    const [{ table }] = await this.dataSource.query<Array<{ table: string | null }>>(`SELECT to_regclass('app_user')::text AS "table"`);
    if (table === null) return [];
    const rows = await this.dataSource.query<Array<{ username: string }>>(
      `SELECT username FROM app_user WHERE username = ANY($1) ORDER BY username`,
      [usernames],
    );
    return rows.map((r) => r.username);
  }

  async checkpoint(): Promise<void> {
    await this.dataSource.query('CHECKPOINT');
  }
}
