import { Inject, Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { AppUser } from '../auth/entities/app-user.entity';
import type { TxSource } from '../database/transaction-host';
import { StaffMember } from '../staff/entities/staff-member.entity';

/** Reads and writes of user administration, in the active transaction (TransactionHost) or outside one. */
@Injectable()
export class UsersRepository {
  constructor(@Inject(TransactionHost) private readonly txHost: TxSource) {}

  private get users() {
    return this.txHost.tx.getRepository(AppUser);
  }

  /** A page of users by username, and the total. */
  page(offset: number, take: number): Promise<[AppUser[], number]> {
    return this.users.findAndCount({ order: { username: 'ASC' }, skip: offset, take });
  }

  usernameTaken(username: string): Promise<boolean> {
    return this.users.existsBy({ username });
  }

  staffMemberExists(id: string): Promise<boolean> {
    return this.txHost.tx.getRepository(StaffMember).existsBy({ id });
  }

  staffMemberHasUser(staffMemberId: string): Promise<boolean> {
    return this.users.existsBy({ staffMemberId });
  }

  insert(user: Pick<AppUser, 'username' | 'passwordHash' | 'roles' | 'staffMemberId' | 'active'>): Promise<AppUser> {
    return this.users.save(user);
  }

  findById(id: string): Promise<AppUser | null> {
    return this.users.findOneBy({ id });
  }

  getById(id: string): Promise<AppUser> {
    return this.users.findOneByOrFail({ id });
  }

  async update(id: string, changes: Partial<Pick<AppUser, 'roles' | 'active' | 'passwordHash'>>): Promise<void> {
    await this.users.update(id, changes);
  }
}
