import { ours } from '/work/wt-h12/bench/servers/ours';
import { measureLatency } from '/work/wt-h12/bench/scenarios/latency';
process.setMaxListeners(0);
const running = await ours.start();
const deps = running.stack!.deps;
const record = deps.audit.record.bind(deps.audit);
await measureLatency(running, 10, 30, 5);
for (let round = 0; round < 2; round++) {
  for (const mode of ['audit', 'no-audit', 'audit-delayed']) {
    deps.audit.record = mode === 'audit' ? record : mode === 'no-audit' ? async () => {} : async (e) => { await new Promise((r) => setTimeout(r, 30)); return record(e); };
    const l = await measureLatency(running, 20, 60, 20);
    console.log(mode, l.p50Ms, l.p99Ms, JSON.stringify(l.storageCalls?.afterFirstPost));
  }
}
await running.close();
process.exit(0);
