// A bounded closed-loop HTTP load on loopback (autocannon): N connections, each sending its next request
// as soon as the previous answer arrives, for a fixed time. Shared by the benchmark programs.
import autocannon from 'autocannon';
import { round } from './measure';

export interface LoadRequest {
  method?: 'GET' | 'PUT' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface LoadOptions {
  baseUrl: string;
  connections: number;
  durationSeconds: number;
  /** Untimed run before the timed one (JIT, pools, caches), in seconds; 0 for none. */
  warmupSeconds: number;
  /** The requests each connection sends in turn; or one list per connection (connection i gets lists[i % n]). */
  requests: LoadRequest[] | { perConnection: LoadRequest[][] };
}

export interface LoadResult {
  requests: number;
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Mean response size (bytes, body and headers). */
  meanBytes: number;
  non2xx: number;
  errors: number;
}

function toAutocannon(r: LoadRequest): autocannon.Request {
  return { method: r.method ?? 'GET', path: r.path, headers: r.headers, body: r.body };
}

async function run(o: LoadOptions, durationSeconds: number): Promise<autocannon.Result> {
  let nextClient = 0;
  const perConnection = Array.isArray(o.requests) ? undefined : o.requests.perConnection;
  return autocannon({
    url: o.baseUrl,
    connections: o.connections,
    duration: durationSeconds,
    timeout: 30,
    requests: Array.isArray(o.requests) ? o.requests.map(toAutocannon) : perConnection![0].map(toAutocannon),
    ...(perConnection
      ? {
          setupClient: (client: autocannon.Client) => {
            client.setRequests(perConnection[nextClient++ % perConnection.length].map(toAutocannon));
          },
        }
      : {}),
  });
}

/** Runs the load (after the warm-up) and returns throughput and latency percentiles of the timed run. */
export async function runLoad(o: LoadOptions): Promise<LoadResult> {
  if (o.warmupSeconds > 0) await run(o, o.warmupSeconds);
  const r = await run(o, o.durationSeconds);
  return {
    requests: r.requests.total,
    reqPerSec: round(r.requests.total / r.duration, 0),
    p50Ms: r.latency.p50,
    p99Ms: r.latency.p99,
    maxMs: r.latency.max,
    meanBytes: r.requests.total > 0 ? Math.round((r.throughput.total ?? 0) / r.requests.total) : 0,
    non2xx: r.non2xx,
    errors: r.errors,
  };
}
