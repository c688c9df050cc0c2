import type { AuthProvider, HttpError } from '@refinedev/core';
import { api, problemSlug, session, type Problem, type TokenPair } from './http';
import { forgetMe, loadMe } from './me';
import { i18n } from '../i18n';

/** The login's refusals in words (libs/identity: 401 invalid-credentials / account-locked, 429 throttles, 503 busy). */
export function loginErrorMessage(error: HttpError): string {
  const problem = (error.problem ?? {}) as Problem;
  const t = i18n.t.bind(i18n);
  if (error.statusCode === 0) return t('login.errors.network');
  if (error.statusCode === 401 && problemSlug(problem) === 'account-locked') {
    const until = typeof problem.lockedUntil === 'string' ? new Date(problem.lockedUntil) : null;
    return until ? t('login.errors.lockedUntil', { time: until.toLocaleTimeString('vi-VN') }) : t('login.errors.locked');
  }
  if (error.statusCode === 401) return t('login.errors.invalid');
  if (error.statusCode === 429) return t('login.errors.throttled');
  if (error.statusCode === 503) return t('login.errors.busy', { seconds: error.retryAfter ?? 1 });
  if (error.statusCode === 400) return t('login.errors.invalid');
  return t('login.errors.unknown');
}

export const authProvider: AuthProvider = {
  async login({ username, password }: { username: string; password: string }) {
    try {
      const pair = await api<TokenPair>('/auth/login', { method: 'POST', body: { username, password }, anonymous: true });
      session.set(pair);
      forgetMe();
      return { success: true, redirectTo: '/' };
    } catch (error) {
      const e = error as HttpError;
      return { success: false, error: { name: 'login', message: loginErrorMessage(e), statusCode: e.statusCode } as HttpError };
    }
  },

  async logout() {
    const pair = session.get();
    if (pair) await api('/auth/logout', { method: 'POST', body: { refreshToken: pair.refreshToken } }).catch(() => undefined);
    session.clear();
    forgetMe();
    // A fresh page: nothing the previous user loaded (files, permissions, cached answers) stays in memory.
    window.location.replace('/login');
    return { success: true };
  },

  async check() {
    if (!session.get()) return { authenticated: false, redirectTo: '/login', logout: true };
    try {
      await loadMe();
      return { authenticated: true };
    } catch {
      return { authenticated: false, redirectTo: '/login', logout: true };
    }
  },

  async onError(error: HttpError) {
    // A 401 that survived the silent refresh: the session is over.
    if (error?.statusCode === 401) return { logout: true, redirectTo: '/login' };
    return {};
  },

  async getIdentity() {
    if (!session.get()) return null;
    const { me } = await loadMe();
    return { id: me.user.id, name: me.user.displayName, username: me.user.username };
  },

  async getPermissions() {
    if (!session.get()) return null;
    return (await loadMe()).me.assignments;
  },
};
