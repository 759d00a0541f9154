import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { parsePgArray } from '../database/pg-array';
import { AppUser } from './entities/app-user.entity';
import { AuthSession } from './entities/auth-session.entity';
import { Role } from './roles';

export interface SessionRef {
  sessionId: string;
  userId: string;
}

export interface SessionOwner extends SessionRef {
  username: string;
  roles: Role[];
}

export interface LiveSessionRow extends SessionOwner {
  staffMemberId: string | null;
  prisonIds: string[];
}

type OwnerRow = { session_id: string; user_id: string; username: string; roles: Role[] | string };

/** The SQL of sign-in sessions: rotation, reuse detection, revocation and the per-request lookup. */
@Injectable()
export class AuthSessionRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The user signing in, by (normalised) username. */
  findUserByUsername(username: string): Promise<AppUser | null> {
    return this.dataSource.getRepository(AppUser).findOneBy({ username });
  }

  /** Starts a sign-in session (its refresh token stored as a hash). */
  create(session: Pick<AuthSession, 'userId' | 'refreshTokenHash' | 'expiresAt' | 'revokedAt' | 'ip'>): Promise<AuthSession> {
    return this.dataSource.getRepository(AuthSession).save(session);
  }

  async markSignedIn(userId: string): Promise<void> {
    await this.dataSource.getRepository(AppUser).update(userId, { lastLoginAt: new Date() });
  }

  /**
   * Swaps the current refresh token hash for the next one and keeps the old hash as rotated-out, in one
   * statement. The conditional UPDATE takes the row lock, so of two concurrent calls with the same token
   * only one matches; the other sees the new hash and gets nothing.
   */
  async rotate(currentHash: string, nextHash: string): Promise<SessionRef | undefined> {
    const rows = await this.dataSource.query<Array<{ session_id: string; user_id: string }>>(
      `WITH rotated AS (
         UPDATE auth_session SET refresh_token_hash = $2, last_used_at = now()
          WHERE refresh_token_hash = $1 AND revoked_at IS NULL AND expires_at > now()
            AND user_id IN (SELECT id FROM app_user WHERE active)
         RETURNING id, user_id
       ), kept AS (
         INSERT INTO auth_rotated_token (token_hash, session_id) SELECT $1, id FROM rotated
       )
       SELECT id AS session_id, user_id FROM rotated`,
      [currentHash, nextHash],
    );
    const row = rows[0];
    return row ? { sessionId: row.session_id, userId: row.user_id } : undefined;
  }

  /** The session a rotated-out refresh token belonged to, with its user (whatever the session's state). */
  async findOwnerOfRotatedToken(tokenHash: string): Promise<SessionOwner | undefined> {
    const rows = await this.dataSource.query<OwnerRow[]>(
      `SELECT s.id AS session_id, u.id AS user_id, u.username, u.roles::text[] AS roles
         FROM auth_rotated_token r JOIN auth_session s ON s.id = r.session_id JOIN app_user u ON u.id = s.user_id
        WHERE r.token_hash = $1`,
      [tokenHash],
    );
    const row = rows[0];
    return row
      ? { sessionId: row.session_id, userId: row.user_id, username: row.username, roles: parsePgArray(row.roles) as Role[] }
      : undefined;
  }

  /** Revokes one session (idempotent); its access and refresh tokens stop working at once. */
  async revoke(sessionId: string): Promise<void> {
    await this.dataSource.query(`UPDATE auth_session SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL`, [sessionId]);
  }

  async revokeAllOfUser(userId: string): Promise<void> {
    await this.dataSource.query(`UPDATE auth_session SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL`, [userId]);
  }

  /** The live session (not revoked or expired, user active) with this id and user. */
  findLiveById(sessionId: string, userId: string): Promise<LiveSessionRow | undefined> {
    return this.findLive('s.id = $1 AND u.id = $2', [sessionId, userId]);
  }

  /** The live session whose current refresh token has this hash and that was used within the idle timeout. */
  findLiveByTokenHash(tokenHash: string, idleMinutes: number): Promise<LiveSessionRow | undefined> {
    return this.findLive('s.refresh_token_hash = $1 AND s.last_used_at > now() - make_interval(mins => $2)', [tokenHash, idleMinutes]);
  }

  /** Sliding idle timeout; written at most once a minute per session. */
  async touch(sessionId: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE auth_session SET last_used_at = now() WHERE id = $1 AND last_used_at < now() - interval '1 minute'`,
      [sessionId],
    );
  }

  private async findLive(where: string, params: unknown[]): Promise<LiveSessionRow | undefined> {
    const rows = await this.dataSource.query<Array<OwnerRow & { staff_member_id: string | null; prison_ids: string[] | null }>>(
      `SELECT s.id AS session_id, u.id AS user_id, u.username, u.roles::text[] AS roles, u.staff_member_id,
              (SELECT array_agg(sp.prison_id ORDER BY sp.prison_id) FROM staff_member_prison sp WHERE sp.staff_member_id = u.staff_member_id) AS prison_ids
         FROM auth_session s JOIN app_user u ON u.id = s.user_id
        WHERE ${where} AND s.revoked_at IS NULL AND s.expires_at > now() AND u.active`,
      params,
    );
    const row = rows[0];
    if (!row) return undefined;
    return {
      sessionId: row.session_id,
      userId: row.user_id,
      username: row.username,
      roles: parsePgArray(row.roles) as Role[],
      staffMemberId: row.staff_member_id,
      prisonIds: row.prison_ids ?? [],
    };
  }
}
