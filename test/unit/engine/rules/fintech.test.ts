import { RULES } from '../../../../src/engine/rules/fintech';
import { describeFamily } from './family';

describeFamily('fintech', RULES);
