/**
 * The latencies AWS documents, added where AWS has them (issue 12): every DynamoDB call waits
 * `dbMs` (DynamoDB: single-digit ms), every postToConnection `postMs` (~10 ms), every handler
 * invocation `invokeMs` (API Gateway → Lambda, warm). Each wait is precise (sleepPrecisely), so
 * the edit→peer figure shows how many of them are in series and nothing else.
 */
import type { LocalStack, LocalStackOptions } from '@binhan/local';
import { sleepPrecisely } from '../util';

export interface AwsLatency {
  dbMs: number;
  postMs: number;
  invokeMs: number;
}

/** The figures used for the AWS-latency scenario (README: where each comes from). */
export const AWS_LATENCY: AwsLatency = { dbMs: 6, postMs: 10, invokeMs: 3 };

/**
 * A diagnostic run of the in-process AWS-latency servers (and of ours, their base): with AWS's
 * waits an edit takes about 25 ms to its peers, so at 20 ms apart one edit's 100 deliveries share
 * this process's one event loop with the next edit's arrival. 40 ms apart they do not overlap:
 * the difference between the two is the harness, not a serial chain on the path.
 */
export const AWS_SPACED_RUN = { clients: 100, spacingMs: 40 };

/** The stack's options for it: every invocation (the $connect authorizer, $connect, each $default, $disconnect) pays Lambda's overhead. */
export function awsLatencyOptions(latency: AwsLatency): Pick<LocalStackOptions, 'beforeInvocation'> {
  return { beforeInvocation: () => sleepPrecisely(latency.invokeMs) };
}

/** Adds the DynamoDB and postToConnection waits to a started stack (before any profiler wraps them). */
export function addAwsLatency(stack: LocalStack, latency: AwsLatency): void {
  const doc = stack.table.doc as unknown as { send: (...args: unknown[]) => Promise<unknown> };
  const send = doc.send.bind(doc);
  doc.send = async (...args: unknown[]) => {
    await sleepPrecisely(latency.dbMs);
    return send(...args);
  };
  const management = stack.gateway.management;
  const post = management.post.bind(management);
  management.post = async (connectionId, frame) => {
    await sleepPrecisely(latency.postMs);
    return post(connectionId, frame);
  };
}
