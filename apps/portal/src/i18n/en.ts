import type { Messages } from './vi';

/** English: the portal's second language. */
export const en: Messages = {
  app: {
    title: 'Canbo — Cadre records',
    language: 'Language',
    logout: 'Sign out',
    loadMore: 'Load more',
    forbidden: 'You may not see this page.',
    backHome: 'Back to the start page',
  },
  buttons: { logout: 'Sign out' },
  login: {
    title: 'Sign in',
    subtitle: 'Cadre records system',
    username: 'Username',
    password: 'Password',
    submit: 'Sign in',
    required: { username: 'Enter your username', password: 'Enter your password' },
    errors: {
      invalid: 'Wrong username or password.',
      locked: 'The account is locked for a while after too many failed sign-ins. Try again later.',
      lockedUntil: 'The account is locked after too many failed sign-ins, until {{time}}.',
      throttled: 'Too many sign-in attempts in a short time. Wait a minute and try again.',
      busy: 'Too many sign-ins are being checked right now. Try again in {{seconds}} s.',
      network: 'The server cannot be reached.',
      unknown: 'Sign-in failed. Please try again.',
    },
  },
  home: { welcome: 'Welcome, {{name}}', roles: 'Your roles' },
  roles: {
    operator: 'Operator',
    auditor: 'Auditor',
    admin: 'Administrator',
    officer: 'Officer',
    secretary: 'Secretary',
    viewer: 'Viewer',
    voter: 'Voter',
  },
};
