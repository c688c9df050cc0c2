import { HttpStatus, Injectable } from '@nestjs/common';
import { AppConfig, Problem } from '@canbo/platform';

/** Seconds a refused login is told to wait: a few password checks' time, rounded up. */
export const LOGIN_RETRY_AFTER_SECONDS = 1;

/** Every password-check slot and the short queue are taken: try again in a moment. */
export class LoginBusyProblem extends Problem {
  readonly retryAfter = LOGIN_RETRY_AFTER_SECONDS;
  constructor() {
    super(
      HttpStatus.SERVICE_UNAVAILABLE,
      'login-busy',
      'Service unavailable',
      'Too many sign-ins are being checked right now; try again in a moment',
    );
  }
}

/**
 * Caps the password checks (argon2, tens of MiB and ~0.2 s of CPU each) running at once in this
 * process at LOGIN_CONCURRENCY, with a queue of four times as many waiting their turn (a second or so
 * of checks: the morning's sign-ins arriving together still get in); a login beyond
 * that is refused at once (503 + Retry-After) instead of piling up. Waiting logins hold nothing:
 * no database connection, no hashing thread. In-process on purpose: the resource it protects (this
 * process's CPU and pool) is per process, so replicas each have their own.
 */
@Injectable()
export class LoginGate {
  private readonly slots: number;
  private readonly queueLength: number;
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(config: AppConfig) {
    this.slots = config.LOGIN_CONCURRENCY;
    this.queueLength = 4 * config.LOGIN_CONCURRENCY;
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.running >= this.slots) {
      if (this.waiting.length >= this.queueLength) throw new LoginBusyProblem();
      // The slot is handed over by the finishing check (running stays counted), so none can jump the queue.
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running++;
    }
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}
