/**
 * The real analytics-next and the real CleverTap SDK in jsdom; assertions are on CleverTap's decoded wire.
 */
import type { Page } from '../support/jsdom-harness'
import { npmSdk, pluginWithSdk } from '../support/engines'
import { ACCOUNT_ID, cdnSettings, eventually, flush, freshPage } from '../support/jsdom-harness'

let page: Page

async function load(options: Record<string, unknown> = {}, loadOptions: Record<string, unknown> = {}) {
  const { AnalyticsBrowser } = require('@segment/analytics-next')
  const { createCleverTapPlugin } = require('../../src')
  const plugin = createCleverTapPlugin({ accountId: ACCOUNT_ID, ...options })
  const [analytics] = await AnalyticsBrowser.load(
    { writeKey: 'test-write-key', cdnSettings: cdnSettings(), plugins: [plugin] },
    { disableClientPersistence: true, ...loadOptions },
  )
  return { analytics, plugin }
}

beforeEach(() => {
  page = freshPage()
})
afterEach(() => page.dispose())

test('init sends the first page view to the configured account and region', async () => {
  await load({ region: 'in1' })
  const first = await eventually(() => page.server.pages()[0], 3000, 'page view')
  expect(first.host).toBe('in1.clevertap-prod.com')
  expect(first.data.id).toBe(ACCOUNT_ID)
  expect(first.data.af['clevertap-segment-web']).toBe(require('../../package.json').version)
})

test('identify logs the user in with mapped and custom traits', async () => {
  const { analytics } = await load()
  await analytics.identify('user-1', {
    name: 'Jack Doe',
    email: 'jack@example.com',
    phone: '+1 (415) 555-1234',
    gender: 'MALE',
    birthday: '1990-05-17',
    plan: 'pro',
    address: { city: 'Paris' },
  })
  const login = await eventually(() => page.server.profiles().find((p) => p.profile.Identity === 'user-1'), 3000, 'login')
  expect(login.profile).toMatchObject({
    Identity: 'user-1',
    Name: 'Jack Doe',
    Email: 'jack@example.com',
    Phone: 14155551234,
    Gender: 'M',
    plan: 'pro',
    address_city: 'Paris',
  })
  expect(login.profile.DOB).toBe(`$D_${Math.round(Date.UTC(1990, 4, 17, 12) / 1000)}`)
})

test('a trait update for the same user is a profile push, not a new login', async () => {
  const { analytics } = await load()
  await analytics.identify('user-1', { plan: 'free' })
  await eventually(() => page.server.profiles().length === 1)
  await analytics.identify('user-1', { plan: 'pro' })
  const update = await eventually(() => page.server.profiles().find((p) => p.profile.plan === 'pro'))
  expect(update.isOUL).toBeUndefined()
  expect(update.profile.Identity).toBeUndefined()
  expect(page.server.profiles().filter((p) => p.profile.Identity === 'user-1')).toHaveLength(1)
})

test('track sends the event with nested properties flattened', async () => {
  const { analytics } = await load()
  await analytics.track('Product Viewed', { product: { id: 'p1', price: 9.5 }, 'sku.code': 'X', tags: ['a', 'b'] })
  const event = await eventually(() => page.server.events('Product Viewed')[0], 3000, 'event')
  expect(event.evtData).toEqual({ product_id: 'p1', product_price: 9.5, sku_code: 'X', tags: ['a', 'b'] })
})

test('Order Completed becomes Charged with flat items', async () => {
  const { analytics } = await load()
  await analytics.track('Order Completed', {
    order_id: 'o-1',
    total: 30,
    currency: 'USD',
    products: [
      { product_id: 'p1', name: 'Shirt', price: 10, variant: { size: 'M' }, categories: ['a', 'b'] },
      { product_id: 'p2', name: 'Hat', price: 20 },
    ],
  })
  const charged = await eventually(() => page.server.events('Charged')[0], 3000, 'Charged')
  expect(charged.evtData).toMatchObject({ 'Charged ID': 'o-1', Amount: 30, currency: 'USD', total: 30 })
  expect(charged.evtData.Items).toEqual([
    { product_id: 'p1', name: 'Shirt', price: 10, variant_size: 'M', categories: 'a, b' },
    { product_id: 'p2', name: 'Hat', price: 20 },
  ])
})

test('page: the first is recorded by init, later ones by pageChanged', async () => {
  const { analytics } = await load()
  await analytics.page()
  await eventually(() => page.server.pages().length >= 1)
  await flush()
  expect(page.server.pages()).toHaveLength(1)
  history.pushState({}, '', '/checkout')
  await analytics.page()
  const second = await eventually(() => page.server.pages()[1], 3000, 'second page view')
  expect(second.data.cpg).toBe('https://shop.example.com/checkout')
})

test('reset gives the next user a new CleverTap profile', async () => {
  const { analytics } = await load()
  await analytics.identify('user-a', { email: 'a@example.com' })
  await analytics.track('A Only')
  const aEvent = await eventually(() => page.server.events('A Only')[0])
  analytics.reset()
  await analytics.identify('user-b', { email: 'b@example.com' })
  await analytics.track('B Only')
  const bEvent = await eventually(() => page.server.events('B Only')[0])
  const bLogin = page.server.profiles().find((p) => p.profile.Identity === 'user-b')!
  expect(bLogin.rc).toBe(true)
  expect(bEvent.guid).toBeDefined()
  expect(bEvent.guid).not.toBe(aEvent.guid)
})

test('calls made before CleverTap loads are all delivered, identify first', async () => {
  const { AnalyticsBrowser } = require('@segment/analytics-next')
  // In a browser the SDK chunk arrives over the network; here it arrives 100 ms after it is asked for.
  const slowSdk = () => new Promise((resolve) => setTimeout(resolve, 100)).then(npmSdk)
  const plugin = pluginWithSdk({ accountId: ACCOUNT_ID }, slowSdk)
  const analytics = AnalyticsBrowser.load(
    { writeKey: 'test-write-key', cdnSettings: cdnSettings(), plugins: [plugin] },
    { disableClientPersistence: true },
  )
  analytics.track('Early 1')
  analytics.identify('early-user', { plan: 'x' })
  analytics.track('Early 2')
  await analytics
  await eventually(() => page.server.events('Early 2')[0], 3000, 'Early 2')
  await eventually(() => page.server.events('Early 1')[0], 3000, 'Early 1')
  const order = page.server.requests.map((r) => r.data.evtName ?? r.data.profile?.Identity).filter(Boolean)
  expect(order.indexOf('early-user')).toBeLessThan(order.indexOf('Early 1'))
  expect(order.indexOf('Early 1')).toBeLessThan(order.indexOf('Early 2'))
})

test('a missing accountId disables the plugin with one error and analytics keeps working', async () => {
  const errors = jest.spyOn(console, 'error').mockImplementation(() => {})
  const { analytics } = await load({ accountId: undefined })
  const ctx = await analytics.track('Still Works')
  expect(ctx.event.event).toBe('Still Works')
  expect(errors).toHaveBeenCalledTimes(1)
  expect(String(errors.mock.calls[0][0])).toMatch(/\[CleverTap\] no accountId/)
  expect(page.server.requests).toHaveLength(0)
  expect(page.segment.some((r) => r.body?.event === 'Still Works')).toBe(true)
  errors.mockRestore()
})

test('an SDK that never loads times out; analytics.ready() resolves and Segment still gets events', async () => {
  const errors = jest.spyOn(console, 'error').mockImplementation(() => {})
  const warns = jest.spyOn(console, 'warn').mockImplementation(() => {})
  const { AnalyticsBrowser } = require('@segment/analytics-next')
  const never = () => new Promise(() => {})
  const plugin = pluginWithSdk({ accountId: ACCOUNT_ID, loadTimeoutMs: 200 }, never)
  const [analytics] = await AnalyticsBrowser.load(
    { writeKey: 'test-write-key', cdnSettings: cdnSettings(), plugins: [plugin] },
    { disableClientPersistence: true },
  )
  await analytics.track('During Load')
  await eventually(() => errors.mock.calls.some((c) => /did not load within 200 ms/.test(String(c[0]))), 3000, 'timeout error')
  await expect(analytics.ready()).resolves.toBeDefined()
  await analytics.track('After Timeout')
  expect(plugin.isLoaded()).toBe(false)
  expect(page.segment.filter((r) => /During Load|After Timeout/.test(r.body?.event ?? ''))).toHaveLength(2)
  expect(page.server.requests).toHaveLength(0)
  errors.mockRestore()
  warns.mockRestore()
})

test('screen, group and alias reach CleverTap as documented', async () => {
  const { analytics } = await load({ pageEvent: true })
  await analytics.identify('user-1')
  await analytics.screen('Settings', { tab: 'privacy' })
  await analytics.group('acme', { name: 'Acme', plan: { tier: 'gold' } })
  await analytics.alias('user-1-new', 'user-1')
  const screen = await eventually(() => page.server.events('Screen Viewed')[0], 3000, 'screen')
  expect(screen.evtData).toEqual({ name: 'Settings', tab: 'privacy' })
  const group = await eventually(() => page.server.profiles().find((p) => p.profile['Group ID'] === 'acme'), 3000, 'group')
  expect(group.profile).toMatchObject({ 'Group name': 'Acme', 'Group plan_tier': 'gold' })
  const alias = await eventually(() => page.server.profiles().find((p) => p.profile.Identity === 'user-1-new'), 3000, 'alias')
  expect(alias.isOUL).toBeUndefined()
  expect(alias.guid).toBe(group.guid)
})

test('pageEvent also sends a named page event, the first page included', async () => {
  const { analytics } = await load({ pageEvent: 'Page Seen' })
  await analytics.page('Docs', 'Install', { title: 'Install' })
  const event = await eventually(() => page.server.events('Page Seen')[0], 3000, 'page event')
  expect(event.evtData).toMatchObject({ name: 'Install', category: 'Docs', title: 'Install', path: '/products/1', url: 'https://shop.example.com/products/1' })
  expect(page.server.pages()).toHaveLength(1)
})
