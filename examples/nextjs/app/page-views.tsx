'use client'
import { usePathname, useSearchParams } from 'next/navigation'
import { useEffect } from 'react'
import { analytics } from './analytics'

/** A Segment page call for every route the App Router shows, the first one included. */
export function PageViews() {
  const pathname = usePathname()
  const searchParams = useSearchParams()
  useEffect(() => {
    analytics.page()
  }, [pathname, searchParams])
  return null
}
