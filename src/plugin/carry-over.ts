/**
 * Calls kept when the visitor leaves the page before CleverTap could take them (a slow network, an early
 * click, or `loadOn` deferring the SDK by design) go on to the next page of the site, as analytics-next's
 * own queue does; the engine takes them there first, before the page's own calls, once CleverTap starts
 * (so never before consent), and only for the same Segment identity (so never onto another user's
 * profile after a reset). Off with analytics-next's `disableClientPersistence`.
 */
import type { Analytics } from '@segment/analytics-next'
import type { Identity } from '../clevertap/carried-calls'
import { pageBatch } from '../clevertap/carried-calls'
import { onPageLeft } from '../clevertap/page'
import type { Outbox } from './outbox'

export function identityOf(analytics: Analytics | undefined): Identity {
  const user = analytics?.user?.()
  return { anonymousId: user?.anonymousId?.() ?? undefined, userId: user?.id?.() ?? undefined }
}

/** The store's scope: one CleverTap account and one Segment source; undefined when analytics persists nothing. */
export function carryScope(analytics: Analytics, accountId: string): string | undefined {
  const options = analytics.options as { disableClientPersistence?: boolean } | undefined
  return options?.disableClientPersistence ? undefined : `${accountId}:${String(analytics.settings?.writeKey ?? '')}`
}

/** Saves what is still kept when the page is left; returns a function that stops. */
export function carryOnLeaving(scope: string, analytics: Analytics, outbox: () => Outbox): () => void {
  const batch = pageBatch(scope)
  return onPageLeft(
    () => batch.save(outbox().calls(), identityOf(analytics)),
    () => {
      // Back from the back/forward cache: if a later page took the saved calls, they are delivered there.
      if (!batch.reclaim()) outbox().clear()
    },
  )
}
