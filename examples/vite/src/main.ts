import { AnalyticsBrowser } from '@segment/analytics-next'
import { createCleverTapPlugin, type CleverTapRegion } from 'clevertap-segment-web'

// From .env (see .env.example). The plugin loads CleverTap's SDK itself, in a chunk of its own.
const cleverTap = createCleverTapPlugin({
  accountId: import.meta.env.VITE_CLEVERTAP_ACCOUNT_ID,
  region: (import.meta.env.VITE_CLEVERTAP_REGION || undefined) as CleverTapRegion | undefined,
})

// Without CleverTap enabled in the Segment workspace, so nothing else sends these calls to CleverTap.
const analytics = AnalyticsBrowser.load({ writeKey: import.meta.env.VITE_SEGMENT_WRITE_KEY, plugins: [cleverTap] })

analytics.page()

const on = (id: string, handler: () => unknown) => document.getElementById(id)?.addEventListener('click', handler)
on('sign-in', () => analytics.identify('user-42', { name: 'Ada Lovelace', email: 'ada@example.com' }))
on('add-to-cart', () => analytics.track('Product Added', { product_id: 'sku-1', name: 'Notebook', price: 12.5, quantity: 1 }))
on('sign-out', () => analytics.reset())

// Whether CleverTap is live, and its id for this device: what to quote when asking why an event is missing.
void cleverTap.getClient().then((client) => {
  const status = document.getElementById('status')
  if (status) status.textContent = client ? `live, device ${cleverTap.getCleverTapId() ?? 'not known yet'}` : 'not loaded (the console says why)'
})
