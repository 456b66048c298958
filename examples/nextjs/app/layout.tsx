import type { ReactNode } from 'react'
import { Suspense } from 'react'
import { PageViews } from './page-views'

export const metadata = { title: 'Segment + CleverTap with Next.js' }

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        {/* useSearchParams needs a Suspense boundary to keep pages static. */}
        <Suspense fallback={null}>
          <PageViews />
        </Suspense>
        {children}
      </body>
    </html>
  )
}
