/** Kept equal to package.json's version by test/unit/package.test.ts. */
export const VERSION = '0.1.0'

/** Reported to CleverTap with every request (`af` in the payload), with VERSION. */
export const LIBRARY_NAME = 'clevertap-segment-web'
