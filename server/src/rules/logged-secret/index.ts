import { defineRule } from '../../engine/rule';
import meta from './meta';
import rust from './rust';

export default defineRule(meta, [rust]);
