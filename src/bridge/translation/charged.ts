/**
 * A purchase as CleverTap's Charged event: the order's id and amount in CleverTap's own fields, its
 * products as flat items, everything else flat beside them (the SDK drops a Charged event holding a
 * nested value).
 */
import type { CleverTapCommand, FlatProperties } from './commands'
import { MAX_CHARGED_ITEMS, MAX_EVENT_PROPERTIES } from './constants'
import type { TranslateConfig } from './types'
import { asId } from './fields'
import { flattenProperties } from './properties'
import type { Notes } from './values'
import { isPlainObject, safeEntries } from './values'

function firstPresent(source: Record<string, unknown>, keys: readonly string[]): [string, unknown] | undefined {
  for (const key of keys) {
    const value = source[key]
    if (value !== undefined && value !== null && value !== '') return [key, value]
  }
  return undefined
}

/** What the translation adds to a Charged event from Segment's order fields. */
const CHARGED_FIELDS = ['Charged ID', 'Amount'] as const
const CHARGED_ID_KEYS = ['order_id', 'checkout_id']
const AMOUNT_KEYS = ['total', 'revenue', 'value']

export function charged(input: unknown, config: TranslateConfig, notes: Notes): CleverTapCommand {
  const source = isPlainObject(input) ? input : {}
  const rest: Record<string, unknown> = {}
  const idEntry = firstPresent(source, CHARGED_ID_KEYS)
  for (const [key, value] of safeEntries(source, 'properties', notes)) {
    if (key !== 'products' && key !== idEntry?.[0]) rest[key] = value
  }
  // Room is left for the two fields the translation adds itself.
  const properties: FlatProperties = flattenProperties(rest, MAX_EVENT_PROPERTIES - CHARGED_FIELDS.length, config, notes, 'properties')
  if (idEntry) {
    const id = typeof idEntry[1] === 'number' && Number.isFinite(idEntry[1]) ? idEntry[1] : asId(idEntry[1], idEntry[0], notes)
    if (id !== undefined) properties['Charged ID'] = id
    else notes.push(`${idEntry[0]}: not used as Charged ID`)
  }
  const amountEntry = firstPresent(source, AMOUNT_KEYS)
  if (amountEntry) {
    const amount = typeof amountEntry[1] === 'string' ? Number(amountEntry[1]) : amountEntry[1]
    if (typeof amount === 'number' && Number.isFinite(amount)) properties.Amount = amount
    else notes.push(`${amountEntry[0]}: not used as Amount (not a number)`)
  }
  const products = source.products
  const items: FlatProperties[] = []
  if (Array.isArray(products)) {
    for (let i = 0; i < products.length && items.length < MAX_CHARGED_ITEMS; i++) {
      if (!isPlainObject(products[i])) {
        notes.push(`products[${i}]: dropped (not an object)`)
        continue
      }
      const item = flattenProperties(products[i], MAX_EVENT_PROPERTIES, config, notes, `products[${i}]`)
      if (Object.keys(item).length > 0) items.push(item)
    }
    if (products.length > MAX_CHARGED_ITEMS) {
      notes.push(`products: ${products.length - MAX_CHARGED_ITEMS} items over CleverTap's limit of ${MAX_CHARGED_ITEMS} dropped`)
    }
  } else if (products !== undefined && products !== null) {
    notes.push('products: dropped (not an array)')
  }
  return { kind: 'charged', properties, items }
}
