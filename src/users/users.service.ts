import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuthService } from '../auth/auth.service';
import { AppUser } from '../auth/entities/app-user.entity';
import { hashPassword } from '../auth/passwords';
import { CalendarFeedService } from '../calendar-feed/calendar-feed.service';
import { ConflictError, NotFoundError } from '../common/errors/domain-errors';
import { Page, PageQueryDto, toPage } from '../common/http/pagination.dto';
import { StaffMember } from '../staff/entities/staff-member.entity';
import { CreateUserDto, UpdateUserDto, UserDto } from './dto/user.dto';

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
    private readonly dataSource: DataSource,
    private readonly auth: AuthService,
    private readonly calendarFeeds: CalendarFeedService,
  ) {}

  async list(q: PageQueryDto): Promise<Page<UserDto>> {
    const [rows, total] = await this.dataSource
      .getRepository(AppUser)
      .findAndCount({ order: { username: 'ASC' }, skip: q.offset, take: q.pageSize });
    return toPage(rows.map(toDto), total, q);
  }

  async create(dto: CreateUserDto): Promise<UserDto> {
    const passwordHash = await hashPassword(dto.password);
    return this.dataSource.transaction(async (em) => {
      const users = em.getRepository(AppUser);
      if (await users.existsBy({ username: dto.username })) throw new ConflictError(`Username ${dto.username} is taken`);
      if (dto.staffMemberId) {
        if (!(await em.getRepository(StaffMember).existsBy({ id: dto.staffMemberId })))
          throw new NotFoundError('Staff member', dto.staffMemberId);
        if (await users.existsBy({ staffMemberId: dto.staffMemberId })) throw new ConflictError('That staff member already has a user');
      }
      const user = await users.save({
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
    const users = this.dataSource.getRepository(AppUser);
    const user = await users.findOneBy({ id });
    if (!user) throw new NotFoundError('User', id);
    const passwordHash = dto.password ? await hashPassword(dto.password) : undefined;
    await users.update(id, {
      ...(dto.roles ? { roles: dto.roles } : {}),
      ...(dto.active !== undefined ? { active: dto.active } : {}),
      ...(passwordHash ? { passwordHash } : {}),
    });
    // A new password or a deactivation ends every session of the user.
    if (passwordHash || dto.active === false) await this.auth.revokeAllSessions(id);
    // Deactivation also revokes the calendar feed for good: reactivating must not revive the old URL.
    if (dto.active === false && user.staffMemberId) await this.calendarFeeds.revokeForStaffMember(user.staffMemberId);
    return toDto(await users.findOneByOrFail({ id }));
  }
}
