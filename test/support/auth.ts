import request from 'supertest';
import { Role } from '../../src/auth/roles';
import { createUser, TEST_PASSWORD } from '../factories/user.factory';
import { TestApp } from './test-app';

export interface SignedIn {
  userId: string;
  username: string;
  staffMemberId: string;
  accessToken: string;
  refreshToken: string;
  get(url: string): request.Test;
  post(url: string): request.Test;
  put(url: string): request.Test;
  patch(url: string): request.Test;
  delete(url: string): request.Test;
}

/** Creates a user with the roles and prisons, signs in through the API, and returns an authorised client. */
export async function signIn(t: TestApp, roles: Role[], prisonIds: string[] = []): Promise<SignedIn> {
  const user = await createUser(t.dataSource, { roles, prisonIds });
  const res = await t.http().post('/auth/login').send({ username: user.username, password: TEST_PASSWORD }).expect(200);
  const token = res.body.accessToken as string;
  const auth = (r: request.Test) => r.set('Authorization', `Bearer ${token}`);
  return {
    userId: user.id,
    username: user.username,
    staffMemberId: user.staffMemberId as string,
    accessToken: token,
    refreshToken: res.body.refreshToken,
    get: (url) => auth(t.http().get(url)),
    post: (url) => auth(t.http().post(url)),
    put: (url) => auth(t.http().put(url)),
    patch: (url) => auth(t.http().patch(url)),
    delete: (url) => auth(t.http().delete(url)),
  };
}

export const signInAdmin = (t: TestApp) => signIn(t, [Role.NATIONAL_ADMIN]);
