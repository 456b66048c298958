import { Shop } from './shop'

export default function Home() {
  return (
    <>
      <h1>Segment + CleverTap with Next.js</h1>
      <Shop />
    </>
  )
}
