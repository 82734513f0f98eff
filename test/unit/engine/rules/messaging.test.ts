import { RULES } from '../../../../src/engine/rules/messaging';
import { describeFamily } from './family';

describeFamily('messaging', RULES);
