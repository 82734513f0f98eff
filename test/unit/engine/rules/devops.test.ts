import { RULES } from '../../../../src/engine/rules/devops';
import { describeFamily } from './family';

describeFamily('devops', RULES);
