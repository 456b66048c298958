'use client'
// One analytics instance for the whole app. Client components are rendered on the server too, so it is
// loaded in the browser only; calls made before that wait in it.
import { AnalyticsBrowser } from '@segment/analytics-next'
import { createCleverTapPlugin, type CleverTapRegion } from 'clevertap-segment-web'

export const cleverTap = createCleverTapPlugin({
  accountId: process.env.NEXT_PUBLIC_CLEVERTAP_ACCOUNT_ID,
  region: (process.env.NEXT_PUBLIC_CLEVERTAP_REGION || undefined) as CleverTapRegion | undefined,
})

// Without CleverTap enabled in the Segment workspace, so nothing else sends these calls to CleverTap.
export const analytics = new AnalyticsBrowser()
if (typeof window !== 'undefined') {
  void analytics.load({ writeKey: process.env.NEXT_PUBLIC_SEGMENT_WRITE_KEY ?? '', plugins: [cleverTap] })
}
