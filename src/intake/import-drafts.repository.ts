import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface ImportDraft {
  id: string;
  prisonId: string;
  format: 'CSV' | 'JSON';
  content: string;
}

/** Files uploaded on the import page, between the dry run and the apply (post/redirect/get). */
@Injectable()
export class ImportDraftsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async save(userId: string, prisonId: string, format: 'CSV' | 'JSON', content: string): Promise<string> {
    await this.dataSource.query(`DELETE FROM population_import_draft WHERE created_at < now() - interval '1 day'`);
    const [row] = await this.dataSource.query<Array<{ id: string }>>(
      `INSERT INTO population_import_draft (user_id, prison_id, format, content) VALUES ($1, $2, $3, $4) RETURNING id`,
      [userId, prisonId, format, content],
    );
    return row.id;
  }

  /** The user's own draft, or undefined. */
  async find(userId: string, id: string): Promise<ImportDraft | undefined> {
    const rows = await this.dataSource.query<Array<{ id: string; prison_id: string; format: 'CSV' | 'JSON'; content: string }>>(
      `SELECT id, prison_id, format, content FROM population_import_draft WHERE id = $1 AND user_id = $2`,
      [id, userId],
    );
    const r = rows[0];
    return r ? { id: r.id, prisonId: r.prison_id, format: r.format, content: r.content } : undefined;
  }
}
