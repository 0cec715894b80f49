/**
 * A sender process for the crash test: delivers every queued outbox message whose id starts
 * with the given prefix, eight at a time, until none is left. The test kills it at random.
 * With `carried` as second argument, each message is handed over as a queue message carrying it
 * (the one-call claim).
 */
const prefix = process.argv[2] ?? '';
const carried = process.argv[3] === 'carried';
const { deliveryDeps } = await import('../../../functions/adapters/wiring/delivery.ts');
const { deliverMessage } = await import('../../../functions/mail/delivery.ts');
const deps = deliveryDeps();
for (;;) {
  const queued = (await deps.outbox.listQueued(500)).filter((m) => m.messageId.startsWith(prefix));
  if (queued.length === 0) break;
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < queued.length) {
        const message = queued[next++];
        if (message) await deliverMessage(deps, message.messageId, carried ? message : undefined);
      }
    }),
  );
  await new Promise((resolve) => setTimeout(resolve, 200));
}
process.stdout.write('done\n');
