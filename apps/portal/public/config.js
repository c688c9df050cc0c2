// Where the API is. The portal's server (scripts/portal/serve.ts) answers this file itself with the
// address it was given; this copy is the default for a plain static host.
window.CANBO_CONFIG = { apiUrl: 'http://localhost:3000/api/v1' };
