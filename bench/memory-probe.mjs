// Loaded into the app by bench/soak.ts (`node --import`), never by `npm start`: every
// MEMORY_PROBE_MS (5 s) it appends the process's memory as Node and V8 count it, one JSON line, to
// MEMORY_PROBE_FILE — so the soak can tell the JavaScript heap from the rest of the resident memory.
import { appendFileSync } from 'node:fs';
import v8 from 'node:v8';

const file = process.env.MEMORY_PROBE_FILE;
if (file) {
  setInterval(
    () => {
      const m = process.memoryUsage();
      const h = v8.getHeapStatistics();
      const line = {
        at: Date.now(),
        rss: m.rss,
        heapTotal: m.heapTotal,
        heapUsed: m.heapUsed,
        external: m.external,
        arrayBuffers: m.arrayBuffers,
        malloced: h.malloced_memory,
        peakMalloced: h.peak_malloced_memory,
      };
      appendFileSync(file, `${JSON.stringify(line)}\n`);
    },
    Number(process.env.MEMORY_PROBE_MS ?? 5000),
  ).unref();
}
