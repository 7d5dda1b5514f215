/**
 * How many group channels the Slack command benchmarks spread their requests over. Rebound keeps
 * each channel to Slack's pace for chat.postMessage (about one a second, a burst of two), as Slack
 * itself enforces with 429s; the fake Web API enforces nothing, so an app that does not pace would
 * post to one channel at any speed. With 1,000 channels, each channel gets at most two posts in a
 * run of 2,000 requests: within the burst, so what is measured is the command path, not Slack's
 * per-channel limit. The workspace budget is raised to match (SLACK_MESSAGES_PER_MINUTE).
 */
export const BENCH_CHANNELS = 1000;
export const BENCH_MESSAGES_PER_MINUTE = 100_000;

export const benchChannels = (): string[] => Array.from({ length: BENCH_CHANNELS }, (_, i) => `C${i + 1}`);
