/** The cross-engine scenarios (core-scenarios.ts) by title; the engine table in docs/engines.md lists the same. */
export const SCENARIOS = {
  identifyTrack: 'identify logs in with the mapped traits; track carries nested properties, flattened',
  charged: 'Order Completed becomes Charged, items flattened',
  spa: 'SPA pages each reach CleverTap at their own URL',
  early: 'calls made before the SDK arrives reach CleverTap once, in order, identity first',
  reset: 'reset, then a second user: the second user gets a profile of their own',
  blocked: 'with the SDK blocked, Segment and the page carry on and nothing reaches CleverTap',
  idle: "loadOn 'idle' starts CleverTap and delivers, with or without requestIdleCallback",
  carried: 'a call made before leaving a page arrives on the next page, once',
  demo: 'the QA demo: identify and Order Completed show their decoded wire',
  phone: 'on a phone: a journey from identify to Charged',
  inspector: 'the in-page inspector, opened by its URL flag, shows an identify and a Charged with their decoded requests; with CleverTap blocked it says so',
} as const
