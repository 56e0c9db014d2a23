/** API Gateway HTTP API (payload v2) events, as hono/aws-lambda reads them. */
import type { handle } from 'hono/aws-lambda';

export type HttpEvent = Extract<Parameters<ReturnType<typeof handle>>[0], { version: string; rawPath: string }>;
export type { APIGatewayProxyResult as HttpResult } from 'hono/aws-lambda';
