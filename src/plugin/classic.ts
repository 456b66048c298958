/**
 * CleverTap in analytics-next's classic-integration form. Passed as `classicIntegrations`, it takes the
 * place of the CleverTap integration analytics-next would otherwise fetch from Segment's CDN for a
 * workspace with CleverTap in device mode, and it inherits what analytics-next gives classic
 * destinations: the workspace's settings, destination filters, consent blocking, `integrations` options
 * and `addDestinationMiddleware`.
 */
import type { Analytics, AnalyticsBrowserSettings, Context } from '@segment/analytics-next'
import type { CleverTapPluginOptions } from './options'
import type { LoadEngine, LoadInspector } from './engine-port'
import type { CleverTapPlugin } from './plugin'
import { createPlugin } from './plugin'
import { DESTINATION_NAME } from './workspace'

export type ClassicIntegration = NonNullable<AnalyticsBrowserSettings['classicIntegrations']>[number]

type Listener = (...args: unknown[]) => void
type Method = 'track' | 'identify' | 'page' | 'alias' | 'group'

interface Instance {
  plugin: CleverTapPlugin
  analytics?: Analytics
  listeners: Record<string, Listener[]>
  emit(name: string): void
}

export function createClassicIntegration(options: CleverTapPluginOptions, loadEngine: LoadEngine, loadInspector?: LoadInspector): ClassicIntegration {
  // analytics-next calls this with the workspace's merged settings; the plugin reads the same settings
  // from the analytics instance, so only the code options are passed on.
  function CleverTapIntegration(this: Instance) {
    this.listeners = {}
    this.plugin = createPlugin(options, loadEngine, true, loadInspector)
  }
  const proto = CleverTapIntegration.prototype as Record<string, unknown>
  proto.name = DESTINATION_NAME
  proto.on = function (this: Instance, name: string, listener: Listener) {
    ;(this.listeners[name] ??= []).push(listener)
  }
  proto.once = function (this: Instance, name: string, listener: Listener) {
    const wrapped: Listener = (...args) => {
      this.listeners[name] = (this.listeners[name] ?? []).filter((l) => l !== wrapped)
      listener(...args)
    }
    ;(this.listeners[name] ??= []).push(wrapped)
  }
  proto.emit = function (this: Instance, name: string) {
    for (const listener of [...(this.listeners[name] ?? [])]) listener()
  }
  // Ready at once: the plugin keeps calls until CleverTap has loaded, so analytics-next neither holds
  // them back (its classic buffer flushes at random times up to 5 s) nor waits on CleverTap in ready().
  proto.initialize = function (this: Instance) {
    this.emit('initialize')
    this.emit('ready')
    this.plugin.load({} as Context, this.analytics as Analytics).catch(() => {
      // reported by the plugin
    })
  }
  proto.loaded = function (this: Instance) {
    return this.plugin.isLoaded()
  }
  proto.invoke = function (this: Instance, method: string, facade?: { obj?: unknown }) {
    const handler = this.plugin[method as Method]
    if (typeof handler !== 'function' || !facade?.obj) return
    void handler({ event: facade.obj } as Context)
  }
  return CleverTapIntegration as unknown as ClassicIntegration
}
