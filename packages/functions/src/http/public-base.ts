/** The origin the web app is served from, for the links the API hands out. */
import type { Context } from 'hono';
import type { AppEnv, HttpServices } from './services';

/** PUBLIC_URL, else this request's own origin (X-Forwarded-Proto and Host, as the gateway passes them). */
export function publicBase(c: Context<AppEnv>, s: HttpServices): string {
  if (s.publicUrl) return s.publicUrl;
  const url = new URL(c.req.url);
  const proto = c.req.header('x-forwarded-proto')?.split(',')[0]?.trim() || url.protocol.replace(':', '');
  const host = c.req.header('host') ?? url.host;
  return `${proto}://${host}`;
}
