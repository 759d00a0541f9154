import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { DataSource } from 'typeorm';
import { AppUser } from '../auth/entities/app-user.entity';
import { hashPassword } from '../auth/passwords';
import { Role } from '../auth/roles';
import { CreateUserDto } from './dto/user.dto';

export type CreateAdminResult =
  | { ok: true; userId: string; username: string }
  | { ok: false; code: 'INVALID_INPUT'; problems: string[] }
  | { ok: false; code: 'USERNAME_TAKEN'; username: string };

/** The rules of POST /users; the problems name the rule, never the value (the password must not be printed). */
export function checkAdminInput(rawUsername: string, password: string): { dto: CreateUserDto } | { problems: string[] } {
  const dto = plainToInstance(CreateUserDto, { username: rawUsername, password, roles: [Role.NATIONAL_ADMIN] });
  const errors = validateSync(dto, { whitelist: true, forbidNonWhitelisted: true });
  return errors.length > 0 ? { problems: errors.flatMap((e) => Object.values(e.constraints ?? {})) } : { dto };
}

/**
 * Creates a national administrator (the first one of a new installation, or one more). The username
 * and password pass the same validation as POST /users (CreateUserDto), so the rule cannot drift.
 */
export async function createAdmin(dataSource: DataSource, rawUsername: string, password: string): Promise<CreateAdminResult> {
  const checked = checkAdminInput(rawUsername, password);
  if ('problems' in checked) return { ok: false, code: 'INVALID_INPUT', problems: checked.problems };
  const dto = checked.dto;
  const passwordHash = await hashPassword(dto.password);
  return dataSource.transaction(async (em) => {
    const users = em.getRepository(AppUser);
    if (await users.existsBy({ username: dto.username })) return { ok: false, code: 'USERNAME_TAKEN', username: dto.username };
    const user = await users.save({
      username: dto.username,
      passwordHash,
      roles: [Role.NATIONAL_ADMIN],
      staffMemberId: null,
      active: true,
    });
    return { ok: true, userId: user.id, username: user.username };
  });
}
