import { flattenProperties, normalizeProperties } from '../../src/bridge/translation/properties'
import { normalizeKey, safeStringify } from '../../src/bridge/translation/values'

const options = { nested: 'flatten' as const, convertDateStrings: true }

describe('normalizeKey', () => {
  it.each`
    input                 | expected
    ${'product.id'}       | ${'product_id'}
    ${'a:b$c'}            | ${'a_b_c'}
    ${`it's "q" \\ x`}    | ${'it_s _q_ _ x'}
    ${'  padded  '}       | ${'padded'}
    ${'   '}              | ${undefined}
    ${'__proto__'}        | ${undefined}
    ${'k'.repeat(200)}    | ${'k'.repeat(120)}
  `('$input → $expected', ({ input, expected }) => {
    expect(normalizeKey(input)).toBe(expected)
  })
})

describe('normalizeProperties', () => {
  it.each`
    name                          | input                                        | expected
    ${'scalars pass'}             | ${{ a: 'x', b: 1, c: true }}                 | ${{ a: 'x', b: 1, c: true }}
    ${'nested flatten with _'}    | ${{ address: { city: 'Paris', geo: { lat: 1 } } }} | ${{ address_city: 'Paris', address_geo_lat: 1 }}
    ${'arrays of scalars stay'}   | ${{ tags: ['a', 1, null, 'b'] }}             | ${{ tags: ['a', 1, 'b'] }}
    ${'arrays of objects → lists per field'} | ${{ list: [{ a: 1, b: 'x' }, { a: 2 }, 3] }} | ${{ list: [3], list_a: [1, 2], list_b: ['x'] }}
    ${'dropped values'}           | ${{ n: NaN, i: Infinity, u: undefined, z: null, f: () => 1 }} | ${{}}
    ${'bigint → string'}          | ${{ big: BigInt(10) }}                       | ${{ big: '10' }}
    ${'long strings cut'}         | ${{ s: 'x'.repeat(600) }}                    | ${{ s: 'x'.repeat(512) }}
    ${'colliding keys: first'}    | ${{ 'a.b': 1, a_b: 2 }}                      | ${{ a_b: 1 }}
    ${'empty key dropped'}        | ${{ '': 1, ok: 2 }}                          | ${{ ok: 2 }}
  `('$name', ({ input, expected }) => {
    expect(normalizeProperties(input, 256, options, [], 'p')).toEqual(expected)
  })

  it('turns ISO date-times into Dates, unless told not to', () => {
    const input = { at: '2024-01-02T03:04:05Z', day: '2024-01-02' }
    const converted = normalizeProperties(input, 256, options, [], 'p')
    expect(converted.at).toEqual(new Date('2024-01-02T03:04:05Z'))
    expect(converted.day).toBe('2024-01-02')
    expect(normalizeProperties(input, 256, { ...options, convertDateStrings: false }, [], 'p').at).toBe('2024-01-02T03:04:05Z')
  })

  it.each`
    nested         | expected
    ${'flatten'}   | ${{ a_b: 1 }}
    ${'stringify'} | ${{ a: '{\u201db\u201d:1}' }}
    ${'drop'}      | ${{}}
    ${'keep'}      | ${{ a: { b: 1 } }}
  `('nested strategy $nested', ({ nested, expected }) => {
    expect(normalizeProperties({ a: { b: 1 } }, 256, { ...options, nested }, [], 'p')).toEqual(expected)
  })

  it('cuts circular references and notes them', () => {
    const input: any = { a: 1 }
    input.self = input
    input.child = { parent: input }
    const notes: string[] = []
    expect(normalizeProperties(input, 256, options, notes, 'p')).toEqual({ a: 1 })
    expect(notes.filter((n) => n.includes('circular'))).toHaveLength(2)
  })

  it('keeps the first N properties deterministically and says how many were dropped', () => {
    const input = Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`k${i}`, i]))
    const notes: string[] = []
    const out = normalizeProperties(input, 256, options, notes, 'properties')
    expect(Object.keys(out)).toHaveLength(256)
    expect(out.k255).toBe(255)
    expect(out.k256).toBeUndefined()
    expect(notes).toContain('properties: 44 properties over the limit of 256 dropped')
  })

  it('never modifies its input', () => {
    const input = Object.freeze({ a: Object.freeze({ b: Object.freeze(['x']) }), 'c.d': 1 })
    expect(() => normalizeProperties(input, 256, options, [], 'p')).not.toThrow()
  })

  it('survives getters that throw', () => {
    const input = { ok: 1 }
    Object.defineProperty(input, 'bad', { enumerable: true, get: () => { throw new Error('boom') } })
    const notes: string[] = []
    expect(normalizeProperties(input, 256, options, notes, 'p')).toEqual({ ok: 1 })
    expect(notes[0]).toMatch(/could not be read/)
  })
})

describe('flattenProperties (Charged)', () => {
  it('joins arrays and flattens objects so no value is nested', () => {
    expect(flattenProperties({ cats: ['a', 'b'], variant: { size: 'M' }, deep: [{ x: 1 }] }, 256, options, [], 'item')).toEqual({
      cats: 'a, b',
      variant_size: 'M',
      deep_x: '1',
    })
  })
})

describe('safeStringify', () => {
  it('cuts cycles and renders BigInt', () => {
    const a: any = { n: BigInt(2) }
    a.a = a
    expect(safeStringify(a)).toBe('{"n":"2"}')
  })
})

describe('the SDK structure limits', () => {
  it('sends the sixth list and beyond as text', () => {
    const input = Object.fromEntries(Array.from({ length: 7 }, (_, i) => [`l${i}`, [i]]))
    const notes: string[] = []
    const out = normalizeProperties(input, 100, options, notes, 'p')
    expect(Object.values(out).filter(Array.isArray)).toHaveLength(5)
    expect(out.l5).toBe('5')
    expect(out.l6).toBe('6')
    expect(notes).toHaveLength(2)
  })

  it('keeps at most three levels with nested: keep', () => {
    const out = normalizeProperties({ a: { b: { c: { d: 1 } } } }, 100, { ...options, nested: 'keep' }, [], 'p')
    expect(out).toEqual({ a: { b: { c: '{\u201dd\u201d:1}' } } })
  })
})

describe('text that survives the SDK', () => {
  it("puts look-alikes in place of ' \" \\, which CleverTap's web SDK strips, and says so", () => {
    const notes: string[] = []
    const out = normalizeProperties({ name: "O'Brien", size: '12" pizza', path: 'C:\\tmp', padded: '  x ' }, 100, options, notes, 'p')
    expect(out).toEqual({ name: 'O\u2019Brien', size: '12\u201d pizza', path: 'C:\uff3ctmp', padded: 'x' })
    expect(notes).toEqual([
      "p.name: ' sent as \u2019 (CleverTap's web SDK strips ' \" \\)",
      'p.size: " sent as \u201d (CleverTap\'s web SDK strips \' " \\)',
      "p.path: \\ sent as \uff3c (CleverTap's web SDK strips ' \" \\)",
      "p.padded: spaces at the ends removed (CleverTap's web SDK trims text)",
    ])
  })

  it('says when a key changes', () => {
    const notes: string[] = []
    expect(normalizeProperties({ 'product.id': 1 }, 100, options, notes, 'p')).toEqual({ product_id: 1 })
    expect(notes).toEqual(['p.product.id: key sent as "product_id"'])
  })

  it('lists of objects become one list per field, and the note names them', () => {
    const notes: string[] = []
    const products = [{ product_id: 'p-1', quantity: 2, dims: { w: 3 } }, { product_id: 'p-2', quantity: 1 }]
    expect(normalizeProperties({ products }, 100, options, notes, 'p')).toEqual({ products_product_id: ['p-1', 'p-2'], products_quantity: [2, 1], products_dims_w: [3] })
    expect(notes).toEqual(['p.products: list of objects sent as one list per field (products_product_id, products_quantity, products_dims_w)'])
  })
})

describe('lists of objects that nest, share or contain themselves', () => {
  it('stay linear: a list inside an item is text, and a list inside itself is cut', () => {
    const shared: any = { id: 1 }
    const items: any[] = Array.from({ length: 100 }, () => ({ inner: Array.from({ length: 100 }, () => shared) }))
    items.unshift({ back: items })
    // 101 items of 100 shared objects: one pass over the items, not one per path through them.
    const notes: string[] = []
    const out = normalizeProperties({ items }, 100, options, notes, 'p')
    expect((out.items_inner as string[]).length).toBe(99)
    expect((out.items_inner as string[])[0]).toMatch(/^\[\{\u201did\u201d:1\}/)
    expect(out.items_back).toBeUndefined()
    expect(notes).toContain('p.items[0].back: circular reference dropped')
  })
})
