/** E.164 as both platforms document it. */
export const E164 = /^\+[1-9]\d{1,14}$/;
