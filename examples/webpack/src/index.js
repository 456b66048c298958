import { AnalyticsBrowser } from '@segment/analytics-next'
import { createCleverTapPlugin } from 'clevertap-segment-web'

const cleverTap = createCleverTapPlugin({
  accountId: process.env.CLEVERTAP_ACCOUNT_ID,
  region: process.env.CLEVERTAP_REGION || undefined,
})
// Without CleverTap enabled in the Segment workspace, so nothing else sends these calls to CleverTap.
const analytics = AnalyticsBrowser.load({ writeKey: process.env.SEGMENT_WRITE_KEY, plugins: [cleverTap] })

analytics.page()

const on = (id, handler) => document.getElementById(id).addEventListener('click', handler)
on('sign-in', () => analytics.identify('user-42', { name: 'Ada Lovelace', email: 'ada@example.com' }))
on('add-to-cart', () => analytics.track('Product Added', { product_id: 'sku-1', name: 'Notebook', price: 12.5, quantity: 1 }))
on('sign-out', () => analytics.reset())

cleverTap.getClient().then((client) => {
  document.getElementById('status').textContent = client ? `live, device ${cleverTap.getCleverTapId() ?? 'not known yet'}` : 'not loaded (the console says why)'
})
