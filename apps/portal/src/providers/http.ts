import type { HttpError } from '@refinedev/core';
import { API_URL } from '../config';
import type { TokenPairView } from '../api';

/** An RFC 9457 problem as the API writes it (libs/platform/src/errors/problems.ts). */
export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  errors?: { field: string; message: string; code?: string }[];
  [extension: string]: unknown;
}

export type TokenPair = TokenPairView;

const STORAGE_KEY = 'canbo.session';

export const session = {
  get(): TokenPair | null {
    try {
      const raw = localStorage.getItem(STORAGE_KEY);
      return raw ? (JSON.parse(raw) as TokenPair) : null;
    } catch {
      return null;
    }
  },
  set(pair: TokenPair): void {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(pair));
  },
  clear(): void {
    localStorage.removeItem(STORAGE_KEY);
  },
};

/** The problem's slug: `urn:canbo:problem:account-locked` → `account-locked`. */
export const problemSlug = (problem: Problem): string => (problem.type ?? '').split(':').pop() ?? '';

/**
 * A field error in the user's language: the API names the check that refused the value (`code`, its
 * validator's name) and words it in English; the portal says the checks it knows in its own words.
 */
function fieldMessage(e: { message: string; code?: string }): string {
  return (e.code && checkInWords(e.code)) || e.message;
}

let checkInWords: (code: string) => string | undefined = () => undefined;

/** How the portal words a check by its code (registered by the i18n module, so this one stays free of it). */
export function wordChecksWith(words: (code: string) => string | undefined): void {
  checkInWords = words;
}

/**
 * Refine's HttpError from a problem+json answer: the field errors become `errors[field]`, so forms
 * (useForm) put each message under its field; nested fields (`family.0.fullName`) become paths.
 */
export function toHttpError(status: number, problem: Problem): HttpError {
  const errors: Record<string, string[]> = {};
  for (const e of problem.errors ?? []) (errors[e.field] ??= []).push(fieldMessage(e));
  return {
    message: problem.detail || problem.title || `HTTP ${status}`,
    statusCode: status,
    errors: Object.keys(errors).length ? errors : undefined,
    problem,
  };
}

async function readProblem(res: Response): Promise<Problem> {
  try {
    return (await res.json()) as Problem;
  } catch {
    return { status: res.status, title: res.statusText };
  }
}

let refreshing: Promise<boolean> | null = null;

/** Trades the rotating refresh token for a new pair, once for all the requests that met a 401 together. */
export function refreshSession(): Promise<boolean> {
  refreshing ??= (async () => {
    const current = session.get();
    if (!current) return false;
    const res = await fetch(`${API_URL}/auth/refresh`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refreshToken: current.refreshToken }),
    }).catch(() => null);
    if (!res?.ok) {
      session.clear();
      return false;
    }
    session.set((await res.json()) as TokenPair);
    return true;
  })().finally(() => {
    refreshing = null;
  });
  return refreshing;
}

export interface RequestOptions {
  method?: string;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  /** Without the bearer token (login). */
  anonymous?: boolean;
  /** Extra request headers (If-Match on a versioned write). */
  headers?: Record<string, string>;
  /** Let the API's answer set cookies (the queue dashboard's session); the API allows it for the portal's origin. */
  withCookies?: boolean;
}

export function urlOf(path: string, query?: RequestOptions['query']): string {
  const url = new URL(`${API_URL}${path.startsWith('/') ? path : `/${path}`}`);
  for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined && v !== '') url.searchParams.set(k, String(v));
  return url.toString();
}

/** Sends a call with the access token, one silent refresh on 401; a failed answer throws HttpError. */
async function send(path: string, options: RequestOptions, accept: string, retried = false): Promise<Response> {
  const headers: Record<string, string> = { accept, ...options.headers };
  // A form (an upload) sets its own multipart content type and boundary; anything else goes as JSON.
  const form = options.body instanceof FormData;
  if (options.body !== undefined && !form) headers['content-type'] = 'application/json';
  const token = options.anonymous ? null : session.get()?.accessToken;
  if (token) headers.authorization = `Bearer ${token}`;
  let res: Response;
  try {
    res = await fetch(urlOf(path, options.query), {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? undefined : form ? (options.body as FormData) : JSON.stringify(options.body),
      credentials: options.withCookies ? 'include' : undefined,
    });
  } catch {
    throw toHttpError(0, { title: 'network', detail: '' });
  }
  if (res.status === 401 && token && !retried && (await refreshSession())) return send(path, options, accept, true);
  if (!res.ok) {
    const error = toHttpError(res.status, await readProblem(res));
    const retryAfter = res.headers.get('retry-after');
    if (retryAfter) error.retryAfter = Number(retryAfter);
    throw error;
  }
  return res;
}

/** A call to the API: JSON in and out, the access token attached, one silent refresh on 401. Throws HttpError. */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const res = await send(path, options, 'application/json, application/problem+json');
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

/** A file sent to the API (multipart/form-data, signed like every call), its JSON answer returned. */
export async function upload<T>(path: string, query: RequestOptions['query'], body: FormData): Promise<T> {
  const res = await send(path, { method: 'POST', query, body }, 'application/json, application/problem+json');
  return (await res.json()) as T;
}

/**
 * A file the API answers (an Excel export), signed like every call, saved by the browser under the name
 * the API gives it (Content-Disposition) or `fallback`.
 */
export async function download(path: string, query: RequestOptions['query'], fallback: string): Promise<void> {
  const res = await send(path, { query }, '*/*, application/problem+json');
  const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? fallback;
  const url = URL.createObjectURL(await res.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  // The browser has taken the file once the click is handled; the object URL is no longer needed.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
