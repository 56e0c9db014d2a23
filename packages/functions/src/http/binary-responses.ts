/**
 * Which responses the Lambda adapter (hono/aws-lambda `handle`) sends base64-encoded, i.e. as
 * bytes. Hono's default sends text/csv as text, read with Response.text(), which drops a
 * leading byte-order mark: the CSV exports would reach Excel without their UTF-8 BOM and show
 * the Vietnamese garbled. So CSV goes as bytes too; HTML, JSON and plain text stay text.
 * Used by the Lambda entry and the local stack alike.
 */
export function isBinaryResponse(contentType: string): boolean {
  if (/^text\/csv\b/i.test(contentType)) return true;
  return !/^text\/(?:plain|html|css|javascript)|(?:\/|\+)(?:json|xml)\s*(?:;|$)/i.test(contentType);
}

/** Options for hono/aws-lambda's handle(). */
export const LAMBDA_HANDLE_OPTIONS = { isContentTypeBinary: isBinaryResponse } as const;
