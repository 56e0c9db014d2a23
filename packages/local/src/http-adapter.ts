/** Turns a Node HTTP request into an API Gateway HTTP API (v2) event and writes the result back. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HttpEvent, HttpResult } from '@binhan/functions';
import type { EventSource } from './api-gateway-events';

/** API Gateway's HTTP API caps payloads at 10 MB. */
export const MAX_HTTP_BODY_BYTES = 10 * 1024 * 1024;

export async function toHttpEvent(src: EventSource, req: IncomingMessage): Promise<HttpEvent | { tooLarge: true }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_HTTP_BODY_BYTES) return { tooLarge: true };
    chunks.push(chunk as Buffer);
  }
  const url = new URL(req.url ?? '/', 'http://local');
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) {
    if (typeof v === 'string') headers[k] = v;
    else if (Array.isArray(v)) headers[k] = v.join(',');
  }
  // The local gateway speaks plain HTTP: say so, as API Gateway says https (decides Secure cookies).
  headers['x-forwarded-proto'] = 'http';
  const query: Record<string, string> = {};
  for (const [k, v] of url.searchParams) query[k] = query[k] ? `${query[k]},${v}` : v;
  const body = Buffer.concat(chunks);
  const textual = /^(application\/(json|x-www-form-urlencoded)|text\/)/.test(headers['content-type'] ?? 'text/plain');
  const now = new Date();
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    headers,
    cookies: headers.cookie ? headers.cookie.split(/;\s*/) : undefined,
    queryStringParameters: Object.keys(query).length ? query : undefined,
    body: body.length ? (textual ? body.toString('utf8') : body.toString('base64')) : null,
    isBase64Encoded: body.length > 0 && !textual,
    requestContext: {
      accountId: 'local',
      apiId: src.apiId,
      domainName: src.domainName,
      domainPrefix: src.domainName.split('.')[0] ?? 'local',
      http: {
        method: req.method ?? 'GET',
        path: url.pathname,
        protocol: `HTTP/${req.httpVersion}`,
        sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: `local-${now.getTime().toString(36)}`,
      routeKey: '$default',
      stage: '$default',
      time: now.toISOString(),
      timeEpoch: now.getTime(),
    },
  } as HttpEvent;
}

export function writeHttpResult(res: ServerResponse, result: HttpResult): void {
  const headers: Record<string, string | string[]> = { ...(result.headers as Record<string, string>) };
  const cookies = (result as { cookies?: string[] }).cookies;
  if (cookies?.length) headers['set-cookie'] = cookies;
  res.writeHead(result.statusCode, headers);
  res.end(result.isBase64Encoded ? Buffer.from(result.body, 'base64') : result.body);
}
