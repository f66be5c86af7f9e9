export { returnAllAndLimit } from '../../shared/fields';

/** Butter lists other than agents page by cursor; 100 is the largest page. */
export const cursorPaging = { style: 'cursor', maxPageSize: 100 } as const;
