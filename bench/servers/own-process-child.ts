/**
 * The `npm start` configuration for the bench: the local stack with its engine ON DISK, in a
 * process of its own (started by own-process.ts through fork). Tells its parent the port and the
 * engine's endpoint; answers 'settle' once the gateway has nothing in flight; 'close' stops it.
 * With BENCH_AWS_AUDIENCE ('query' or 'gateway') it adds AWS's latencies (aws-latency.ts,
 * BENCH_AWS_LATENCY as JSON), with that audience: the AWS-latency scenario with the server's CPU
 * apart from the clients', as on AWS.
 */
import { startLocalStack } from '@binhan/local';
import { addAwsLatency, AWS_LATENCY, awsLatencyOptions, type AwsLatency } from './aws-latency';
import { recordWireTimes } from '../wire-split';

if (process.env.BENCH_WIRE_SPLIT) recordWireTimes(process.env.BENCH_WIRE_SPLIT, 'server', process.env.BENCH_AWS_AUDIENCE ? `aws-${process.env.BENCH_AWS_AUDIENCE}-own-process` : 'npm-start');

async function main(): Promise<void> {
  const dataDir = process.env.BENCH_DATA_DIR;
  const secret = process.env.BENCH_SYNC_SECRET;
  if (!dataDir || !secret) throw new Error('BENCH_DATA_DIR and BENCH_SYNC_SECRET are required');
  let errors = 0;
  const audience = process.env.BENCH_AWS_AUDIENCE;
  const latency: AwsLatency | null = audience ? { ...AWS_LATENCY, ...(JSON.parse(process.env.BENCH_AWS_LATENCY ?? '{}') as Partial<AwsLatency>) } : null;
  const stack = await startLocalStack({
    port: 0,
    host: '127.0.0.1',
    dataDir,
    syncTokenSecret: secret,
    reportError: () => errors++,
    ...(latency ? { ...awsLatencyOptions(latency), audience: audience === 'query' ? 'query' : 'gateway' } : {}),
  });
  if (latency) addAwsLatency(stack, latency);
  const endpoint = await stack.table.raw.config.endpoint?.();
  // The parent reads storage through the engine's own HTTP port (the stack's client is in process).
  const engineUrl = endpoint ? `${endpoint.protocol}//${endpoint.hostname}:${endpoint.port ?? ''}${endpoint.path}` : '';
  process.send?.({ type: 'ready', port: stack.gateway.port, engineUrl });
  process.on('message', (message: { type?: string }) => {
    if (message.type === 'settle') void stack.gateway.idle().then(() => process.send?.({ type: 'settled', errors }));
    if (message.type === 'close') void stack.close().then(() => process.exit(0));
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
