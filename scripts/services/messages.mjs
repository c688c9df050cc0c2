// How the services scripts report: a ServiceError's message is meant for the person running them
// (printed without a stack), anything else is a bug and keeps its stack.

export class ServiceError extends Error {}

export const indent = (text) =>
  text
    .split('\n')
    .map((l) => `    ${l}`)
    .join('\n');

/** host:port, with an IPv6 host in brackets. */
export const hostPort = (host, port) => (host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`);
