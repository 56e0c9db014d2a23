import { it } from 'vitest';
import { sleep } from '../helpers/abuse';
import { connectClient, startTestStack, synced, tokensFor } from '../helpers/sync-clients';
it('probe', async () => {
  const stack = await startTestStack();
  const { edit } = tokensFor(stack, 'p');
  const lan = connectClient(stack, 'p', edit);
  const hung = connectClient(stack, 'p', edit);
  await Promise.all([synced(lan), synced(hung)]);
  lan.provider.awareness.setLocalStateField('user', { name: 'Lan' });
  await sleep(1500);
  console.log('hung sees', JSON.stringify([...hung.provider.awareness.getStates()]), lan.doc.clientID, 'errors', JSON.stringify(lan.serverErrors), JSON.stringify(hung.serverErrors));
  console.log('stored', JSON.stringify(await stack.deps.awareness.list('p')));
  await stack.close();
});
