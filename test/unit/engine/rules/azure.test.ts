import { RULES } from '../../../../src/engine/rules/azure';
import { describeFamily } from './family';

describeFamily('azure', RULES);
