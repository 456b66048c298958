/**
 * The plugin with the real engine and the real SDK, but with control over when the SDK arrives: for
 * tests of calls made before, while and after CleverTap loads. Modules are required at call time, so a
 * test's fresh module registry (jsdom-harness `freshPage`) is the one used.
 */

/** The npm SDK, as the npm build's engine imports it. */
export async function npmSdk(): Promise<unknown> {
  const module = require('clevertap-web-sdk')
  return module.default ?? module
}

/** A plugin whose engine takes the SDK from `sdk`. */
export function pluginWithSdk(options: Record<string, unknown>, sdk: () => Promise<unknown>): any {
  const { createPlugin } = require('../../src/plugin/plugin')
  const { createEngine } = require('../../src/lazy/engine')
  return createPlugin(options, async () => createEngine(sdk))
}
