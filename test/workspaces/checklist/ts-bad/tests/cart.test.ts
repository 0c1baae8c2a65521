import { total } from '../src/cart';
export const value = total(new Map([['a', 1]]), 'a')!;
