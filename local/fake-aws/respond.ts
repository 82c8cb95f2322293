import type { ServerResponse } from 'node:http';

export const send = (res: ServerResponse, status: number, body: string, type: string) => {
  res.writeHead(status, { 'content-type': type });
  res.end(body);
};

export const json = (res: ServerResponse, status: number, body: unknown, type = 'application/json') =>
  send(res, status, JSON.stringify(body), type);
