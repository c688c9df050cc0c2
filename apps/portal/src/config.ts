declare global {
  interface Window {
    CANBO_CONFIG?: { apiUrl?: string };
  }
}

/** The API's base URL: from /config.js (written by the portal's server), else the demo's address. */
export const API_URL = (
  (typeof window === 'undefined' ? undefined : window.CANBO_CONFIG?.apiUrl) ?? 'http://localhost:3000/api/v1'
).replace(/\/+$/, '');
