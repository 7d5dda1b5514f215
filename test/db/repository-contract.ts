/**
 * The repository contract: what every Store implementation must do, as behaviour. Run against
 * every store kind (SQLite in memory and on a file, PostgreSQL) by `repository-contract.test.ts`.
 */
import { describe } from 'vitest';
import { applicationEventsContract } from './contract/application-events.ts';
import { entriesContract } from './contract/entries.ts';
import { followUpContract } from './contract/follow-ups.ts';
import { useStore, type StoreUnderTest } from './contract/fixtures.ts';
import { ledgerContract } from './contract/ledger.ts';
import { pipelineFactsContract } from './contract/pipeline-facts.ts';
import { postAndCheckInContract } from './contract/posts-and-check-ins.ts';
import { transactionContract } from './contract/transactions.ts';

export type { StoreUnderTest } from './contract/fixtures.ts';

export function runRepositoryContract(name: string, open: () => Promise<StoreUnderTest>): void {
  describe(`repository contract: ${name}`, () => {
    const fixture = useStore(open);
    describe('groups, members and entries', () => entriesContract(fixture));
    describe('application history', () => applicationEventsContract(fixture));
    describe('funnel reads', () => pipelineFactsContract(fixture));
    describe('follow-ups', () => followUpContract(fixture));
    describe('posts and check-ins', () => postAndCheckInContract(fixture));
    describe('ledger, inbound ids and leases', () => ledgerContract(fixture));
    describe('transactions', () => transactionContract(fixture));
  });
}
