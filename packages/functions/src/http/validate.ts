/**
 * Request validation with zod on hono/validator: `validateJson(schema)` and
 * `validateQuery(schema)`. A body that is not JSON is 400 malformed-json (raised by
 * hono/validator, mapped in app.ts); a body or query that does not match is 400 invalid-input
 * with the paths of what is wrong. Handlers read the parsed value with `c.req.valid(...)`.
 */
import { validator } from 'hono/validator';
import * as z from 'zod/mini';
import { en } from 'zod/locales';
import { ApiError } from './errors';

// zod/mini loads no locale (every message would read "Invalid input"), and the messages reach users in `refuse`:
// install English, as zod's classic API did. A named import keeps the other locales out of the bundle.
z.config(en());

function refuse(error: z.core.$ZodError, where: string): ApiError {
  const issues = error.issues.slice(0, 20).map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
  const list = issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ');
  return new ApiError(400, 'invalid-input', `Invalid ${where}: ${list}`, `Dữ liệu gửi lên không hợp lệ (${where}): ${list}`, { issues });
}

export function validateJson<S extends z.ZodMiniType>(schema: S) {
  return validator('json', (value: unknown) => {
    const parsed = schema.safeParse(value);
    if (!parsed.success) throw refuse(parsed.error, 'body');
    return parsed.data as z.output<S>;
  });
}

export function validateQuery<S extends z.ZodMiniType>(schema: S) {
  return validator('query', (value: unknown) => {
    const parsed = schema.safeParse(value);
    if (!parsed.success) throw refuse(parsed.error, 'query');
    return parsed.data as z.output<S>;
  });
}
