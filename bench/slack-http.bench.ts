/**
 * The Slack HTTP benchmark (`slack-http.ts`) in the form `bench/run.ts` reads: acknowledged
 * requests per second next to a bare Bolt app, and ack latency at a fixed 100 requests per second.
 */
import { againstBaseline, report } from './lib/report.ts';
import { runSlackHttpBench } from './slack-http.ts';
import { ANSWER_IN_ACK_BUDGET_MS } from '../adapters/slack/command-ack.ts';
import { BENCH_CHANNELS } from './lib/channels.ts';

const r = await runSlackHttpBench();
report({
  name: 'Slack over HTTP',
  notes:
    'Signed form-encoded /applied requests from a separate process over loopback; Rebound runs the real core on a ' +
    'temporary SQLite file, posting to the group through a fake Web API in a third process and answering in the ' +
    `acknowledgement (through the response_url when the work outlasts the ${ANSWER_IN_ACK_BUDGET_MS} ms budget). ` +
    `The requests are spread over ${BENCH_CHANNELS.toLocaleString('en')} group channels, so Slack's per-channel pace (which Rebound keeps) does not hold posts back. Throughput: 2,000 requests, 20 in flight, after 300 warm-up requests; the ` +
    'baseline is a bare Bolt app that only acknowledges, measured in the same run. Latency: open loop at 100 req/s ' +
    `for 20 s, counted from each request's planned send time. Failed requests: ${r.failed}.`,
  rows: [
    againstBaseline(
      {
        metric: '/applied acknowledged per second',
        value: r.rebound_rps,
        unit: 'req/s',
        target: '>= 60% of bare Bolt',
      },
      r.bare_rps,
    ),
    {
      metric: '/applied fully handled per second (group post and private answer sent)',
      value: r.rebound_done_rps,
      unit: 'req/s',
    },
    againstBaseline({ metric: 'app CPU per /applied', value: r.rebound_cpu_ms, unit: 'ms' }, r.bare_cpu_ms),
    { metric: 'ack latency p50 at 100 req/s', value: r.p50_ms, unit: 'ms' },
    { metric: 'ack latency p99 at 100 req/s', value: r.p99_ms, unit: 'ms', target: '< 50 ms' },
  ],
});
