import { Inject, Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TxSource } from '../database/transaction-host';
import { ActivitySlot } from './entities/activity-slot.entity';
import { Activity } from './entities/activity.entity';

/**
 * Writes of activities and their weekly slots, in the active transaction (TransactionHost): the row
 * lock an update takes holds until its session regeneration has committed with it.
 */
@Injectable()
export class ActivityWritesRepository {
  constructor(@Inject(TransactionHost) private readonly txHost: TxSource) {}

  async prisonExists(prisonId: string): Promise<boolean> {
    const [{ exists }] = await this.txHost.tx.query<Array<{ exists: boolean }>>(
      `SELECT EXISTS (SELECT 1 FROM prison WHERE id = $1) AS exists`,
      [prisonId],
    );
    return exists;
  }

  /** Inserts the activity; its id. */
  async insertActivity(values: Partial<Activity>): Promise<string> {
    const { identifiers } = await this.txHost.tx.getRepository(Activity).insert(values);
    return identifiers[0].id as string;
  }

  async updateActivity(id: string, changes: Partial<Activity>): Promise<void> {
    await this.txHost.tx.getRepository(Activity).update({ id }, changes);
  }

  /** The activity, row-locked (FOR UPDATE) till the transaction ends. */
  lockActivity(id: string): Promise<Activity | null> {
    return this.txHost.tx.getRepository(Activity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  getActivity(id: string): Promise<Activity> {
    return this.txHost.tx.getRepository(Activity).findOneByOrFail({ id });
  }

  /** The activity's slots, by weekday and half-day. */
  findSlots(activityId: string): Promise<ActivitySlot[]> {
    return this.txHost.tx.getRepository(ActivitySlot).find({ where: { activityId }, order: { weekday: 'ASC', period: 'ASC' } });
  }

  async insertSlots(slots: Array<Partial<ActivitySlot>>): Promise<void> {
    await this.txHost.tx.getRepository(ActivitySlot).insert(slots);
  }

  async updateSlot(id: string, values: Partial<ActivitySlot>): Promise<void> {
    await this.txHost.tx.getRepository(ActivitySlot).update({ id }, values);
  }

  async deleteSlots(ids: string[]): Promise<void> {
    await this.txHost.tx.getRepository(ActivitySlot).delete(ids);
  }

  /** Which of the staff members serve the prison. */
  async staffServing(prisonId: string, staffIds: string[]): Promise<Set<string>> {
    const rows = await this.txHost.tx.query<Array<{ id: string }>>(
      `SELECT staff_member_id AS id FROM staff_member_prison WHERE prison_id = $1 AND staff_member_id = ANY($2)`,
      [prisonId, staffIds],
    );
    return new Set(rows.map((r) => r.id));
  }
}
