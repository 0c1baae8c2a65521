import { defineLanguageRule } from '../../engine/rule';

// Not yet written.
export default defineLanguageRule({
  language: 'python',
  query: '',
  check() {},
});
