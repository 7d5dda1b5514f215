import { describeEachStore } from '../helpers/stores.ts';
import { runRepositoryContract } from './repository-contract.ts';

describeEachStore('store', (open, kind) => runRepositoryContract(kind, open));
