'use client'
import Link from 'next/link'
import { useEffect, useState } from 'react'
import { analytics, cleverTap } from './analytics'

export function Shop() {
  const [status, setStatus] = useState('loading…')
  useEffect(() => {
    void cleverTap.getClient().then((client) =>
      setStatus(client ? `live, device ${cleverTap.getCleverTapId() ?? 'not known yet'}` : 'not loaded (the console says why)'),
    )
  }, [])
  return (
    <main>
      <button id="sign-in" type="button" onClick={() => analytics.identify('user-42', { name: 'Ada Lovelace', email: 'ada@example.com' })}>
        Sign in as user-42
      </button>
      <button id="add-to-cart" type="button" onClick={() => analytics.track('Product Added', { product_id: 'sku-1', name: 'Notebook', price: 12.5, quantity: 1 })}>
        Add to cart
      </button>
      <button id="sign-out" type="button" onClick={() => analytics.reset()}>
        Sign out
      </button>
      <p>
        CleverTap: <output id="status">{status}</output>
      </p>
      <Link id="to-about" href="/about">
        About
      </Link>
    </main>
  )
}
