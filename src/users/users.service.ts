import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { AuthService } from '../auth/auth.service';
import { AppUser } from '../auth/entities/app-user.entity';
import { hashPassword } from '../auth/passwords';
import { CalendarFeedService } from '../calendar-feed/calendar-feed.service';
import { ConflictError, NotFoundError } from '../common/errors/domain-errors';
import { RuleCode, ruleMessage } from '../common/messages/rule-message';
import { Page, PageQueryDto, toPage } from '../common/http/pagination.dto';
import { CreateUserDto, UpdateUserDto, UserDto } from './dto/user.dto';
import { UsersRepository } from './users.repository';

const toDto = (u: AppUser): UserDto => ({
  id: u.id,
  username: u.username,
  roles: u.roles,
  staffMemberId: u.staffMemberId,
  active: u.active,
  lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
});

/** User administration (national administrators). */
@Injectable()
export class UsersService {
  constructor(
    private readonly repo: UsersRepository,
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly auth: AuthService,
    private readonly calendarFeeds: CalendarFeedService,
  ) {}

  async list(q: PageQueryDto): Promise<Page<UserDto>> {
    const [rows, total] = await this.repo.page(q.offset, q.pageSize);
    return toPage(rows.map(toDto), total, q);
  }

  async create(dto: CreateUserDto): Promise<UserDto> {
    const passwordHash = await hashPassword(dto.password);
    return this.txHost.withTransaction(async () => {
      if (await this.repo.usernameTaken(dto.username))
        throw new ConflictError(ruleMessage(RuleCode.USERNAME_TAKEN, { username: dto.username }));
      if (dto.staffMemberId) {
        if (!(await this.repo.staffMemberExists(dto.staffMemberId))) throw new NotFoundError('Staff member', dto.staffMemberId);
        if (await this.repo.staffMemberHasUser(dto.staffMemberId)) throw new ConflictError(ruleMessage(RuleCode.STAFF_MEMBER_HAS_USER));
      }
      const user = await this.repo.insert({
        username: dto.username,
        passwordHash,
        roles: dto.roles,
        staffMemberId: dto.staffMemberId ?? null,
        active: true,
      });
      return toDto(user);
    });
  }

  async update(id: string, dto: UpdateUserDto): Promise<UserDto> {
    const user = await this.repo.findById(id);
    if (!user) throw new NotFoundError('User', id);
    const passwordHash = dto.password ? await hashPassword(dto.password) : undefined;
    await this.repo.update(id, {
      ...(dto.roles ? { roles: dto.roles } : {}),
      ...(dto.active !== undefined ? { active: dto.active } : {}),
      ...(passwordHash ? { passwordHash } : {}),
    });
    // A new password or a deactivation ends every session of the user.
    if (passwordHash || dto.active === false) await this.auth.revokeAllSessions(id);
    // Deactivation also revokes the calendar feed for good: reactivating must not revive the old URL.
    if (dto.active === false && user.staffMemberId) await this.calendarFeeds.revokeForStaffMember(user.staffMemberId);
    return toDto(await this.repo.getById(id));
  }
}
