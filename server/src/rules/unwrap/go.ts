import { defineLanguageRule } from '../../engine/rule';

// Not yet written.
export default defineLanguageRule({
  language: 'go',
  query: '',
  check() {},
});
