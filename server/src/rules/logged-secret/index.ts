import { defineRule } from '../../engine/rule';
import meta from './meta';
import rust from './rust';
import go from './go';
import typescript from './typescript';
import python from './python';

export default defineRule(meta, [rust, go, typescript, python]);
